import type { ExplicitValues, FindingType, Severity } from "./finding.js";
import { normaliseLabel } from "./field-name.js";
import { severityOfToken } from "./read-severity.js";
import { readType } from "./read-type.js";
import { leadingMark } from "./leading-mark.js";

/**
 * What a heading is in an audit: a section that holds no findings (`skip`:
 * summary, scope, methodology …), a heading that groups findings (`group`:
 * "High", "🔴 Critical", "A03:2021 – Injection", "Findings") with what it
 * says about them, or anything else (`generic`: a finding's own title, a
 * document title, a subsystem).
 */
export type HeadingRole =
  | {
      kind: "skip";
      /**
       * A summary of findings detailed elsewhere ("Executive summary",
       * "Findings at a glance"): skipped, unless nothing else in the audit
       * holds a finding — then it is where they are.
       */
      summary?: true;
    }
  | {
      kind: "group";
      values: ExplicitValues;
      /**
       * Set for "P0 — must fix before launch": a severity, then words. Over
       * sub-headings or a list it groups; alone over prose it is a finding's
       * own title with its severity in front.
       */
      tentative?: boolean;
    }
  | { kind: "document" }
  | { kind: "generic" };

const DOCUMENT = /\b(audit|report|assessment|pentest|penetration test|review|bericht|prüfbericht|informe|rapport|auditoría|auditoria)\b/i;

const SKIP = [
  "executive summary", "summary", "management summary", "overview", "introduction", "intro", "scope", "in scope",
  "out of scope", "methodology", "method", "approach", "tools", "tooling", "tools used", "background", "conclusion",
  "conclusions", "closing remarks", "final thoughts", "appendix", "references", "table of contents", "contents", "toc",
  "disclaimer", "statistics", "stats", "metrics", "risk matrix", "severity definitions", "severity levels",
  "severity classification", "severity legend", "legend", "rating", "positive observations", "positive findings",
  "positives", "strengths", "what went well", "what's good", "what is good", "good practices", "things done well",
  "acknowledgements", "acknowledgments", "about", "timeline", "revision history", "document history", "contact",
  "next steps", "audit details", "audit information", "report details", "engagement details", "no issues",
  "zusammenfassung", "überblick", "einleitung", "einführung", "umfang", "prüfumfang", "methodik", "vorgehen", "fazit",
  "anhang", "positive aspekte", "résumé", "resume", "synthèse", "aperçu", "introduction", "portée", "périmètre",
  "méthodologie", "annexe", "points positifs", "resumen", "resumen ejecutivo", "introducción", "alcance",
  "metodología", "conclusiones", "conclusión", "anexo", "aspectos positivos", "sommario", "riepilogo", "ambito",
  "metodologia", "conclusioni", "findings summary", "summary of findings", "finding summary", "findings overview",
  "findings at a glance", "at a glance", "risk summary", "severity summary", "counts", "positive beobachtungen",
  "beobachtungen ohne handlungsbedarf", "observations positives", "observaciones positivas", "things that look fine",
  "things that look good", "what looks fine", "what looks good", "looks good", "looks fine", "non-issues", "non-findings",
  "not findings", "false positives", "no action needed", "no action required", "out-of-scope",
];

/**
 * Sections that never hold findings, whatever their depth or wording after
 * these words: what was checked and passed, positive notes, rejected
 * candidates, roadmaps and fix orders that repeat the findings, profiles,
 * inventories and scores. Matched at the start of the heading.
 */
const NEVER = [
  "false positive", "rejected", "non-issue", "non issue", "not a bug", "accepted risk", "what was verified", "verified as sound",
  "what was checked", "what we checked", "checks performed", "test run", "test results", "architectural note",
  "architecture note", "what works", "what exists and works", "works well", "handled well", "already secure",
  "already handled", "what was already", "security strengths", "strengths", "positive", "remediation roadmap", "roadmap",
  "remediation timeline", "action plan", "recommended action plan", "detailed action plan", "priority fix list", "fix order",
  "immediate fix order", "suggested order", "order of work", "action items", "future enhancements", "files created",
  "files changed", "files modified", "cleared this pass", "cleared", "resolved", "fixed issues", "completed", "items needing",
  "open questions", "questions", "clarification", "planned", "deferred", "not part of", "metrics snapshot", "coverage log",
  "project profile", "resource profile", "resource inventory", "tech stack", "directory structure", "system map",
  "expectation gaps", "overall recommendation", "overall assessment", "overall security", "security score", "score",
  "health score", "repository status", "no issues found", "severity breakdown", "severity distribution",
  "original severity distribution", "vulnerability severity breakdown", "devil's advocate", "severity adjustments",
  "read the report", "engagement objectives", "objectives", "other outdated", "outdated packages", "recommended path",
  "known gaps", "deployment checklist", "security checklist", "goal-achievement", "goal achievement", "audit scope",
  "context checked", "per-route", "per route", "what changed since", "architecture overview", "codebase overview",
];

/** Phrases that mark a section as holding no findings wherever they appear in its heading. */
const NEVER_ANYWHERE = [
  "false positive", "non-issue", "accepted risk", "roadmap", "what works", "handled well", "already secure",
  "positive finding", "no issues found", "action plan", "verified as sound", "(no action", "not vulnerabilities",
  "not a vulnerability", "not findings", "no action needed", "nice to know",
];

/** Words that make a top-level heading a summary of the findings detailed elsewhere. */
const SUMMARY_WORDS = /\b(summary|overview|at a glance|key findings|findings table|scorecard)\b/;

/**
 * What may follow a skip word in a skip heading: "Summary of findings",
 * "Scope (in and out)", "Methodology and tools", "Conclusion: …". A finding
 * titled "Metrics endpoint exposed" or "Background jobs run as root" goes on.
 */
const SKIP_QUALIFIED = /^(\s*[:(–—-]|\s+(of|and|&|for|der|des|de|du|y|und|et|e|del)\s)/;
const APPENDIX = /^(appendix|annex|annexe|anhang|anexo|anexos|allegato)\b/;

const GROUP_WORDS = new Set(
  (
    "findings finding issues issue vulnerabilities vulnerability problems problem risks risk observations results " +
    "detailed details recommendations items severity priority level rated and or the of with to fix must should could " +
    "nice have now soon later immediately befunde ergebnisse probleme schwachstellen hallazgos problemas vulnerabilidades " +
    "constatations problèmes vulnérabilités résultats risultati problemi de des la las los le les et y und der die " +
    "issues: code quality security performance testing tests docs documentation maintainability reliability correctness " +
    "bugs efficiency coverage informational info"
  ).split(" "),
);

/**
 * Reads what a heading is. A top-level heading naming the report ("Security
 * audit of acme/api", depth 1 or 2) is the `document`: it holds findings but
 * is never one.
 */
export function headingRole(text: string, depth = 3): HeadingRole {
  const raw = normaliseLabel(text);
  // A heading marked as passed or done ("✅ Token handling", "Hard-coded secrets ✅ PASS") holds no finding.
  if (/^(✅|✔|☑|✓)/u.test(raw) || /(✅|✔️?|☑️?|\bpass(ed)?)\s*$/u.test(raw)) return { kind: "skip" };
  const label = raw.replace(/^((\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?\s*)+/u, "").replace(/^[\s\d.)#*_-]+/, "");
  // "Critical (Fix Immediately)", "CRITICAL ISSUES (Must Fix Before Production)": the words in brackets qualify, they do not name.
  const bare = label.replace(/\s*[([][^)\]]*[)\]]/g, " ").replace(/\s+/g, " ").trim();
  if (NEVER.some((never) => bare.startsWith(never)) || NEVER_ANYWHERE.some((phrase) => label.includes(phrase))) return { kind: "skip" };
  if (SKIP.some((skip) => label === skip || SKIP_QUALIFIED.test(label.slice(skip.length)) && label.startsWith(skip)) || APPENDIX.test(label)) {
    return { kind: "skip", ...(SUMMARY_WORDS.test(label) ? { summary: true } : {}) };
  }
  if (depth <= 2 && SUMMARY_WORDS.test(bare) && !/\b(detailed|details)\b/.test(bare)) return { kind: "skip", summary: true };
  // A top-level section that describes the project rather than judging it: "Project resource profile", "Dependency inventory".
  if (depth === 2 && !DOCUMENT.test(bare) && /\b(profile|inventory|snapshot|glossary|legend|methodology|tooling|statistics)\b/.test(bare)) return { kind: "skip" };
  if (/^a\d{1,2}(:\d{4})?\s*[-–—:]/i.test(label)) return { kind: "group", values: { type: "security" } };
  const severities = new Set<Severity>();
  const rest: string[] = [];
  const emojiSeverities = new Set<Severity>();
  const emojiLead = leadingMark(raw);
  const emojiLeadSeverity = emojiLead ? severityOfToken(emojiLead) : undefined;
  if (emojiLeadSeverity) emojiSeverities.add(emojiLeadSeverity);
  for (const token of bare.split(/[\s/&,:()[\]|–—-]+/u).filter(Boolean)) {
    const plain = token.replace(/[^\p{L}\p{N}+]/gu, "");
    const symbols = token.replace(/[\p{L}\p{N}+]/gu, "");
    const wordSeverity = plain ? severityOfToken(plain) : undefined;
    if (wordSeverity) {
      severities.add(wordSeverity);
      continue;
    }
    const emojiSeverity = severityOfToken(symbols.replace(/\uFE0F/g, "")) ?? severityOfToken(token);
    if (emojiSeverity) emojiSeverities.add(emojiSeverity);
    if (emojiSeverity && plain === "") continue;
    // Stars, ticks and other symbols rate or decorate a heading; they name nothing.
    if (GROUP_WORDS.has(plain) || plain === "" || /^\d+$/.test(plain)) continue;
    rest.push(plain);
  }
  // "🟡 HIGH PRIORITY": where a colour and a word disagree, the word wins.
  if (severities.size === 0) for (const severity of emojiSeverities) severities.add(severity);
  if (rest.length > 0) {
    if (depth <= 2 && DOCUMENT.test(label)) return { kind: "document" };
    const lead = new RegExp(`^(\\p{Extended_Pictographic}\\uFE0F?\\s*)?([a-z]+[0-4]?)\\s*[:\\-–—|]\\s*\\S`, "u").exec(label);
    const leadSeverity = lead ? severityOfToken(lead[2] as string) : undefined;
    if (leadSeverity) return { kind: "group", values: { severity: leadSeverity }, tentative: true };
    return { kind: "generic" };
  }
  const type: FindingType | undefined = readType(bare);
  const values: ExplicitValues = {};
  if (severities.size === 1) values.severity = [...severities][0];
  if (type) values.type = type;
  return { kind: "group", values };
}
