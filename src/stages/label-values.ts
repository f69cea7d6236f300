/**
 * The classification an implementation issue carries in its labels: type,
 * severity, complexity and scope, in either of the two spellings found on
 * GitHub.
 *
 * - `prefixed` (what Factory writes by default): `type:security`,
 *   `severity:high`, `complexity:small`, `scope:single-file`.
 * - `plain` (what hand-run audit runbooks write): `security`, `high`,
 *   `complexity:small`, `single-file`. Complexity keeps its prefix in both:
 *   a bare `medium` is a severity.
 *
 * Every reader of these labels goes through {@link readLabelValues}; the one
 * writer (the audit stage) names them with {@link classificationLabel}.
 */
import type { LabelScheme } from "../config/labels-schema.js";
import { COMPLEXITIES, FINDING_TYPES, SCOPES, SEVERITIES, type Complexity, type FindingType, type Scope, type Severity } from "./audit/finding.js";

export type { LabelScheme };

/** A dimension of the classification. */
export type LabelDimension = "type" | "severity" | "complexity" | "scope";

/** What the labels say; a dimension no label names is absent. */
export interface LabelValues {
  type?: FindingType;
  severity?: Severity;
  complexity?: Complexity;
  scope?: Scope;
}

const VALUES: Record<LabelDimension, readonly string[]> = { type: FINDING_TYPES, severity: SEVERITIES, complexity: COMPLEXITIES, scope: SCOPES };
const DIMENSIONS = Object.keys(VALUES) as LabelDimension[];
/** Dimensions whose plain spelling is the bare value (complexity has none: `medium` is a severity). */
const BARE: readonly LabelDimension[] = ["type", "severity", "scope"];

/** A label as GitHub or a payload gives it. */
export type LabelLike = string | { name?: string };

function nameOf(label: LabelLike): string {
  return (typeof label === "string" ? label : (label.name ?? "")).trim().toLowerCase();
}

/** The two readings of a label list: prefixed labels, and plain ones. */
function readBoth(labels: readonly LabelLike[]): { prefixed: LabelValues; plain: LabelValues } {
  const prefixed: Record<string, string> = {};
  const plain: Record<string, string> = {};
  for (const name of labels.map(nameOf)) {
    const colon = name.indexOf(":");
    if (colon > 0) {
      const dimension = name.slice(0, colon) as LabelDimension;
      const value = name.slice(colon + 1).trim();
      if (DIMENSIONS.includes(dimension) && VALUES[dimension].includes(value)) prefixed[dimension] ??= value;
      continue;
    }
    for (const dimension of BARE) {
      if (VALUES[dimension].includes(name)) {
        plain[dimension] ??= name;
        break;
      }
    }
  }
  return { prefixed: prefixed as LabelValues, plain: plain as LabelValues };
}

/**
 * The type, severity, complexity and scope an issue's labels give, in
 * either spelling (any case). A prefixed label wins over a plain one for the
 * same dimension (`severity:low` with `high` reads low); among labels of one
 * spelling the first wins.
 */
export function readLabelValues(labels: readonly LabelLike[]): LabelValues {
  const { prefixed, plain } = readBoth(labels);
  return { ...plain, ...prefixed };
}

/**
 * Whether the labels classify the issue as an implementation issue: a
 * prefixed `type:*` or `severity:*` label, or plain labels naming a type or
 * a severity together with a second dimension (`security` + `high`,
 * `quality` + `complexity:medium`). One bare label is not enough: an audit
 * is often labelled with its subject (`security`), an epic with its size
 * (`complexity:large`).
 */
export function classifiedByLabels(labels: readonly LabelLike[]): boolean {
  const { prefixed, plain } = readBoth(labels);
  if (prefixed.type || prefixed.severity) return true;
  if (!plain.type && !plain.severity) return false;
  const values = { ...plain, ...prefixed };
  return DIMENSIONS.filter((dimension) => values[dimension] !== undefined).length >= 2;
}

/**
 * Whether the labels name the type as an implementation issue's do:
 * a prefixed `type:*` label, or a plain type label with a second dimension
 * ({@link classifiedByLabels}). A severity alone names no work.
 */
export function typedByLabels(labels: readonly LabelLike[]): boolean {
  const { prefixed, plain } = readBoth(labels);
  return prefixed.type !== undefined || (plain.type !== undefined && classifiedByLabels(labels));
}

/** The label of one value in a scheme: `type:security` or `security`; complexity is `complexity:*` in both. */
export function classificationLabel(dimension: LabelDimension, value: string, scheme: LabelScheme = "prefixed"): string {
  return scheme === "plain" && BARE.includes(dimension) ? value : `${dimension}:${value}`;
}
