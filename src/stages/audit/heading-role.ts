import type { ExplicitValues, FindingType, Severity } from "./finding.js";
import { normaliseLabel } from "./field-name.js";
import { severityOfToken } from "./read-severity.js";
import { readType } from "./read-type.js";

/**
 * What a heading is in an audit: a section that holds no findings (`skip`:
 * summary, scope, methodology …), a heading that groups findings (`group`:
 * "High", "🔴 Critical", "A03:2021 – Injection", "Findings") with what it
 * says about them, or anything else (`generic`: a finding's own title, a
 * document title, a subsystem).
 */
export type HeadingRole =
  | { kind: "skip" }
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
  const label = normaliseLabel(text).replace(/^(\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?\s*/u, "");
  if (SKIP.some((skip) => label === skip || SKIP_QUALIFIED.test(label.slice(skip.length)) && label.startsWith(skip)) || APPENDIX.test(label)) {
    return { kind: "skip" };
  }
  if (/^a\d{1,2}(:\d{4})?\s*[-–—:]/i.test(label)) return { kind: "group", values: { type: "security" } };
  const severities = new Set<Severity>();
  const rest: string[] = [];
  for (const token of label.split(/[\s/&,:()[\]|–—-]+/u).filter(Boolean)) {
    const plain = token.replace(/[^\p{L}\p{N}\p{Extended_Pictographic}+]/gu, "");
    const tokenSeverity = severityOfToken(plain) ?? severityOfToken(token);
    if (tokenSeverity) {
      severities.add(tokenSeverity);
      continue;
    }
    if (GROUP_WORDS.has(plain) || plain === "" || /^\p{Extended_Pictographic}$/u.test(plain) || /^\d+$/.test(plain)) continue;
    rest.push(plain);
  }
  if (rest.length > 0) {
    if (depth <= 2 && DOCUMENT.test(label)) return { kind: "document" };
    const lead = new RegExp(`^(\\p{Extended_Pictographic}\\uFE0F?\\s*)?([a-z]+[0-4]?)\\s*[:\\-–—|]\\s*\\S`, "u").exec(label);
    const leadSeverity = lead ? severityOfToken(lead[2] as string) : undefined;
    if (leadSeverity) return { kind: "group", values: { severity: leadSeverity }, tentative: true };
    return { kind: "generic" };
  }
  const type: FindingType | undefined = readType(label);
  const values: ExplicitValues = {};
  if (severities.size === 1) values.severity = [...severities][0];
  if (type) values.type = type;
  return { kind: "group", values };
}
