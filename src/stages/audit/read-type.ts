import type { FindingType } from "./finding.js";

/** Words an audit uses to state a finding's type (in a field, a column or a heading). */
const TYPE_WORDS: ReadonlyArray<[RegExp, FindingType]> = [
  [/^(security|sec|vulnerabilit(y|ies)|owasp|cwe|auth\w*|secrets?|privacy|sicherheit|sécurité|seguridad)\b/i, "security"],
  [/^a\d{1,2}(:\d{4})?\b/i, "security"],
  [/^(performance|perf|efficiency|scalability|latency|speed|leistung)\b/i, "performance"],
  [/^(testing|tests?|test coverage|coverage|qa)\b/i, "testing"],
  [/^(docs?|documentation|documentación|dokumentation)\b/i, "docs"],
  [
    /^(quality|code[ -]quality|code health|maintainability|reliability|robustness|correctness|bugs?|error handling|refactor\w*|style|readability|design|architecture|qualité|calidad|qualität)\b/i,
    "quality",
  ],
];

/**
 * Reads a finding type stated outright (`Security`, `Code quality`,
 * `A03:2021 – Injection`, `Performance / memory`) from the start of a field
 * value, table cell or heading. Returns undefined for anything else.
 */
export function readType(text: string): FindingType | undefined {
  const trimmed = text.trim().replace(/^[^\p{L}\p{N}]+/u, "");
  for (const [pattern, type] of TYPE_WORDS) if (pattern.test(trimmed)) return type;
  return undefined;
}

/**
 * The one kind of review a report's title names — "Pre-launch security
 * review", "Auth & authorization audit", "Performance audit" — or undefined
 * when it names none or several ("Security & quality audit"): findings the
 * keywords cannot place take it.
 */
export function documentType(title: string): FindingType | undefined {
  const found = new Set<FindingType>();
  for (const word of title.split(/[^\p{L}\p{N}:-]+/u).filter(Boolean)) {
    const type = readType(word);
    if (type) found.add(type);
  }
  return found.size === 1 ? [...found][0] : undefined;
}
