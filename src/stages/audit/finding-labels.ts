import { classificationLabel, type LabelScheme } from "../label-values.js";
import type { Complexity, Finding, FindingType, Scope, Severity } from "./finding.js";

/** A label Factory puts on implementation issues, with the colour it creates it in. */
export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

const SEVERITY: Record<Severity, string> = { critical: "b60205", high: "d93f0b", medium: "fbca04", low: "0e8a16" };
const TYPE: Record<FindingType, string> = {
  security: "ee0701",
  quality: "5319e7",
  performance: "1d76db",
  testing: "bfdadc",
  docs: "0075ca",
};
const COMPLEXITY: Record<Complexity, string> = { small: "c2e0c6", medium: "fef2c0", large: "f9d0c4" };
const SCOPE: Record<Scope, string> = { "single-file": "ededed", package: "d4c5f9", framework: "5319e7" };

/**
 * The labels of one implementation issue (SPEC §1.1): severity, type,
 * complexity, scope and language. `scheme` (`labels.scheme`) spells them
 * `severity:high`, `type:security`, … (`prefixed`, the default) or `high`,
 * `security`, `complexity:small`, `single-file` (`plain`).
 */
export function findingLabels(params: {
  severity: Severity;
  type: FindingType;
  complexity: Complexity;
  scope: Scope;
  language?: string | null;
  scheme?: LabelScheme;
}): LabelSpec[] {
  const name = (dimension: "severity" | "type" | "complexity" | "scope", value: string) => classificationLabel(dimension, value, params.scheme ?? "prefixed");
  const labels: LabelSpec[] = [
    { name: name("severity", params.severity), color: SEVERITY[params.severity], description: `Severity ${params.severity}, from an audit` },
    { name: name("type", params.type), color: TYPE[params.type], description: `A ${params.type} change` },
    { name: name("complexity", params.complexity), color: COMPLEXITY[params.complexity], description: `Expected size of the fix: ${params.complexity}` },
    { name: name("scope", params.scope), color: SCOPE[params.scope], description: `The fix reaches: ${params.scope}` },
  ];
  const language = languageLabel(params.language);
  if (language) labels.push(language);
  return labels;
}

/** `lang:go` for the repository's main language, or undefined when GitHub knows none. */
export function languageLabel(language: string | null | undefined): LabelSpec | undefined {
  const slug = (language ?? "").toLowerCase().replace(/\+/g, "p").replace(/#/g, "sharp").replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  return slug ? { name: `lang:${slug}`, color: "c5def5", description: `Written in ${language}` } : undefined;
}

/** The labels of a finding, in `scheme` (default `prefixed`). */
export function labelsOfFinding(finding: Finding, language?: string | null, scheme?: LabelScheme): LabelSpec[] {
  return findingLabels({ severity: finding.severity, type: finding.type, complexity: finding.complexity, scope: finding.scope, language, ...(scheme ? { scheme } : {}) });
}
