import { SEVERITIES, type Finding, type FindingType, type Severity } from "./finding.js";
import { hashOf } from "./fingerprint.js";

/** Three or more findings that need the same kind of fix in different packages. */
export interface Pattern {
  /** The kind of fix they share (`rate-limiting`, …). */
  fixKind: string;
  /** The most common type among them (ties: the first in severity order of appearance). */
  type: FindingType;
  /** The most severe among them. */
  severity: Severity;
  /** Fingerprints of the findings it covers, in document order. */
  members: string[];
  /** The distinct packages they are in, sorted. */
  components: string[];
  /** Stable id of the pattern: its fix kind (one framework issue per kind and audit, whatever the members). */
  fingerprint: string;
}

/**
 * Finds patterns (SPEC §1.1): `minPackages` or more findings with the same
 * fix kind, spread over at least that many distinct packages. Each becomes a
 * framework issue that blocks the findings it lists.
 */
export function detectPatterns(findings: readonly Finding[], minPackages = 3): Pattern[] {
  const byKind = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!finding.fixKind) continue;
    byKind.set(finding.fixKind, [...(byKind.get(finding.fixKind) ?? []), finding]);
  }
  const patterns: Pattern[] = [];
  for (const [fixKind, members] of byKind) {
    const components = [...new Set(members.map((finding) => finding.component))].sort();
    if (members.length < minPackages || components.length < minPackages) continue;
    const counts = new Map<FindingType, number>();
    for (const member of members) counts.set(member.type, (counts.get(member.type) ?? 0) + 1);
    const type = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "quality";
    const severity = SEVERITIES.find((s) => members.some((member) => member.severity === s)) ?? "medium";
    const fingerprints = members.map((member) => member.fingerprint);
    patterns.push({ fixKind, type, severity, members: fingerprints, components, fingerprint: hashOf(["framework", fixKind]) });
  }
  return patterns;
}
