/** The parts of a finding an audit labels: `**Severity:** High`, `#### Recommendation`, a table column. */
export type FieldName =
  | "title"
  | "severity"
  | "type"
  | "location"
  | "fix"
  | "effort"
  | "scope"
  | "acceptance"
  | "status"
  | "id"
  | "detail";

const NAMES: Record<Exclude<FieldName, "title" | "id">, string[]> = {
  severity: [
    "severity", "sev", "priority", "prio", "risk", "risk level", "risk rating", "rating", "criticality", "level",
    "schweregrad", "priorität", "gravedad", "severidad", "prioridad", "sévérité", "gravité", "priorité",
  ],
  type: ["type", "category", "class", "kind", "area", "kategorie", "typ", "categoría", "tipo", "catégorie"],
  location: [
    "location", "locations", "file", "files", "where", "path", "paths", "affected file", "affected files", "affected code",
    "affected component", "affected components", "code location", "source", "fundstelle", "datei", "ubicación", "archivo",
    "emplacement", "fichier",
  ],
  fix: [
    "recommendation", "recommendations", "fix", "suggested fix", "proposed fix", "remediation", "solution", "mitigation",
    "how to fix", "action", "suggested action", "suggestion", "recommended fix", "empfehlung", "lösung", "recomendación",
    "solución", "recommandation", "correction", "correctif",
  ],
  effort: ["effort", "complexity", "size", "estimate", "estimated effort", "t-shirt size", "aufwand", "esfuerzo", "effort estimé"],
  scope: ["scope"],
  acceptance: ["acceptance criteria", "acceptance", "done when", "definition of done", "akzeptanzkriterien", "criterios de aceptación"],
  status: ["status", "state", "estado", "statut", "decision", "resolution", "verdict", "outcome"],
  detail: [
    "description", "details", "detail", "impact", "evidence", "steps to reproduce", "reproduction", "proof of concept", "poc",
    "references", "reference", "context", "background", "why it matters", "why", "problem", "issue", "analysis", "explanation",
    "example", "examples", "notes", "note", "root cause", "cvss", "cwe", "owner", "exploitability", "likelihood", "summary",
    "beschreibung", "auswirkung", "descripción", "impacto", "contexte", "référence", "références",
  ],
};

const BY_NAME = new Map<string, FieldName>();
for (const [field, names] of Object.entries(NAMES)) for (const name of names) BY_NAME.set(name, field as FieldName);

/** Normalises a label (`**Suggested Fix**:`, `#### 3. Impact`) for lookup. */
export function normaliseLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[\s\d.)#*_-]+/, "")
    .replace(/[\s:*_.]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The field a label names, or undefined when it is not a finding field. */
export function fieldOfLabel(text: string): FieldName | undefined {
  const label = normaliseLabel(text);
  // "Fix (merged)", "Recommendation (optional)": the words in brackets qualify the field.
  return BY_NAME.get(label) ?? BY_NAME.get(label.replace(/\s*\([^)]*\)\s*$/, ""));
}

/** A label saying its field is done already: "Fix (merged)", "Remediation (applied)". */
export function isDoneLabel(text: string): boolean {
  return /\((merged|applied|done|fixed|shipped|implemented|deployed|resolved)\)\s*:?\s*$/i.test(text.trim());
}

/** Table columns: the same names plus those only tables use for a finding's title. */
export function fieldOfColumn(text: string): FieldName | undefined {
  const name = normaliseLabel(text);
  if (["#", "", "id", "no", "nr", "ref", "n°"].includes(name)) return "id";
  if (
    [
      "finding", "findings", "issue", "issues", "title", "problem", "vulnerability", "observation", "name", "summary",
      "finding title", "befund", "problem", "hallazgo", "problème", "constat", "description",
    ].includes(name)
  ) {
    return name === "description" ? "detail" : "title";
  }
  return BY_NAME.get(name);
}

/** Status values meaning the finding needs no work any more. */
export function isResolvedStatus(text: string): boolean {
  // "✅ FIXED (output now sanitised)": marks and emphasis before the word do not count.
  const value = text.trim().replace(/^[^\p{L}\p{N}]+/u, "");
  return /^(fixed|resolved|done|closed|mitigated|remediated|merged|addressed|won'?t ?fix|will not fix|accepted( risk)?|risk accepted|false positive|not a bug|not an issue|by design|intentional|as designed|works as intended|n\/a|not applicable|erledigt|behoben|resuelto|corrigé)\b/iu.test(
    value,
  );
}
