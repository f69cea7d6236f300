import type { Nodes } from "mdast";
import type { ExplicitValues, RawFinding, Severity } from "./finding.js";
import type { FieldReading } from "./read-fields.js";

/** What the parser knows, where it is in an audit, about the findings it meets there. */
export interface Context {
  /** What the headings above say about the findings below them. */
  inherited: ExplicitValues;
  /** Inside a heading that groups findings ("Findings", "High", "A03:2021 – Injection"). */
  inGroup: boolean;
  /** Summary sections are read: nothing else in the audit holds a finding. */
  summaries?: boolean;
  /** What the report's title says all its findings are about. */
  fallback?: ExplicitValues;
  /** Marks the report defines as severities in a legend or a column ("❌ Critical", "⚠️ Warn"). */
  legend?: ReadonlyMap<string, Severity>;
}

/** A raw finding from what was read of it, with what its place in the audit says. */
export function toRaw(params: {
  summary: string;
  detail: readonly Nodes[];
  explicit: ExplicitValues;
  reading: FieldReading;
  context: Context;
}): RawFinding {
  const raw: RawFinding = {
    summary: params.summary,
    detail: [...params.detail],
    explicit: params.explicit,
    inherited: params.context.inherited,
    statedLocations: params.reading.statedLocations,
    ...(params.context.fallback ? { fallback: params.context.fallback } : {}),
  };
  if (params.reading.fix) raw.fix = params.reading.fix;
  if (params.reading.acceptance?.length) raw.acceptance = params.reading.acceptance;
  return raw;
}

/** The values that are set, so spreading them never overwrites a value with undefined. */
export function definedValues(values: ExplicitValues): ExplicitValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as ExplicitValues;
}
