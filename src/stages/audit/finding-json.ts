import type { Finding, Location } from "./finding.js";

/** A finding as `factory audit parse --json` prints it and the fixtures record it. */
export interface FindingJson {
  title: string;
  summary: string;
  severity: Finding["severity"];
  type: Finding["type"];
  scope: Finding["scope"];
  complexity: Finding["complexity"];
  locations: Location[];
  fingerprint: string;
}

/** The public, stable view of a finding (details and fix stay out: they are long and go into the issue body). */
export function toFindingJson(finding: Finding): FindingJson {
  return {
    title: finding.title,
    summary: finding.summary,
    severity: finding.severity,
    type: finding.type,
    scope: finding.scope,
    complexity: finding.complexity,
    locations: finding.locations.map((location) => (location.line === undefined ? { path: location.path } : { path: location.path, line: location.line })),
    fingerprint: finding.fingerprint,
  };
}
