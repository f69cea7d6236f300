import type { Severity } from "./finding.js";

const EMOJI: Record<string, Severity> = { "🔴": "critical", "🟠": "high", "🟡": "medium", "🟢": "low", "🔵": "low", "⚪": "low" };

const WORDS: Record<string, Severity> = {
  critical: "critical",
  crit: "critical",
  blocker: "critical",
  high: "high",
  major: "high",
  medium: "medium",
  med: "medium",
  moderate: "medium",
  low: "low",
  minor: "low",
  info: "low",
  informational: "low",
  information: "low",
  note: "low",
  nit: "low",
  trivial: "low",
  p0: "critical",
  p1: "high",
  p2: "medium",
  p3: "low",
  p4: "low",
  sev1: "critical",
  sev2: "high",
  sev3: "medium",
  sev4: "low",
};

/** The emoji that mark severity in generated audits. */
export const SEVERITY_EMOJI = Object.keys(EMOJI);

/**
 * Reads a severity stated outright — a field value (`High`, `P1`,
 * `🔴 Critical (CVSS 9.8)`), a table cell or a tag — from its first word or
 * emoji. Returns undefined when the text does not start with one.
 */
export function readSeverity(text: string): Severity | undefined {
  const trimmed = text.trim().replace(/^[[(*_`"']+/, "");
  const emoji = Object.entries(EMOJI).find(([mark]) => trimmed.startsWith(mark));
  // "🟡 HIGH": where the colour and the word disagree, the word is what the author wrote.
  const rest = emoji ? trimmed.slice(emoji[0].length).replace(/^[\uFE0F\s*_`]+/u, "") : trimmed;
  const word = /^[A-Za-z]+[0-9]?/.exec(rest)?.[0].toLowerCase();
  return (word ? WORDS[word] : undefined) ?? emoji?.[1];
}

/** The severity of a single word or emoji token, if it is one. */
export function severityOfToken(token: string): Severity | undefined {
  return EMOJI[token] ?? WORDS[token.toLowerCase()];
}
