import type { Action } from "../../model/action.js";
import { renderFindingBody } from "./render-finding-body.js";
import { frameworkTitle, renderFrameworkBody } from "./render-framework-body.js";
import type { Pattern } from "./detect-patterns.js";
import type { Finding } from "./finding.js";
import { findingLabels, labelsOfFinding, type LabelSpec } from "./finding-labels.js";
import type { LabelScheme } from "../label-values.js";
import { renderAuditReport } from "./render-audit-report.js";

/** An implementation issue Factory made earlier, found by its marker. */
export interface TrackedIssue {
  number: number;
  title: string;
  state: "open" | "closed";
  /** The audit whose run created it. */
  audit?: number;
}

/** What the audit flow observed, plus what it has done so far in this run. */
export interface AuditSnapshot {
  audit: { number: number; title: string; state: "open" | "closed" };
  findings: readonly Finding[];
  patterns: readonly Pattern[];
  /** Finding issues by fingerprint, whichever audit created them. */
  tracked: ReadonlyMap<string, TrackedIssue>;
  /** This audit's framework issues by pattern fingerprint. */
  frameworks: ReadonlyMap<string, TrackedIssue>;
  /** Label names the repository has, lower-cased. */
  labels: ReadonlySet<string>;
  /** The repository's main language, for the `lang:*` label. */
  language?: string | null;
  /** How classification labels are spelt (`labels.scheme`): `severity:high` or `high`. */
  labelScheme?: LabelScheme;
  /** The report comment is on the audit already. */
  reported: boolean;
}

/**
 * Plans the next step of an audit (SPEC §1.1), pure. Applied and re-planned
 * until it returns nothing:
 * 1. missing labels, and an issue for every finding without one;
 * 2. then a framework issue for every pattern, listing the issues it covers;
 * 3. then the report comment on the audit, and closing it — completed, or
 *    not planned when nothing in it was actionable.
 * A finding whose fingerprint already has an issue is never created again.
 */
export function planAudit(snapshot: AuditSnapshot): Action[] {
  const { audit } = snapshot;
  const labels = missingLabels(snapshot);
  const creations: Action[] = snapshot.findings
    .filter((finding) => !snapshot.tracked.has(finding.fingerprint))
    .map((finding) => ({
      kind: "createIssue",
      key: `finding:${finding.fingerprint}`,
      title: finding.title,
      body: renderFindingBody({ finding, audit: audit.number }),
      labels: labelsOfFinding(finding, snapshot.language, snapshot.labelScheme).map((label) => label.name),
      marker: { kind: "finding", fields: { fp: finding.fingerprint, audit: `#${audit.number}` } },
    }));
  if (creations.length > 0) return [...labels, ...creations];
  const frameworks: Action[] = snapshot.patterns
    .filter((pattern) => !snapshot.frameworks.has(pattern.fingerprint))
    .map((pattern) => ({
      kind: "createIssue",
      key: `framework:${audit.number}:${pattern.fingerprint}`,
      title: frameworkTitle(pattern),
      body: renderFrameworkBody({ pattern, audit: audit.number, members: membersOf(pattern, snapshot) }),
      labels: frameworkLabels(pattern, snapshot.language, snapshot.labelScheme).map((label) => label.name),
      marker: { kind: "framework", fields: { fp: pattern.fingerprint, audit: `#${audit.number}` } },
    }));
  if (frameworks.length > 0) return [...labels, ...frameworks];
  if (snapshot.reported) return [];
  const actionable = snapshot.findings.length > 0;
  const finish: Action[] = [
    {
      kind: "comment",
      key: `audit-report:${audit.number}`,
      issue: audit.number,
      body: renderAuditReport(snapshot),
      marker: { kind: "audit-report", fields: { audit: `#${audit.number}` } },
    },
  ];
  if (audit.state === "open") {
    finish.push({ kind: "closeIssue", key: `close:${audit.number}`, issue: audit.number, reason: actionable ? "completed" : "not_planned" });
  }
  return finish;
}

/** Every label the audit's issues carry that the repository does not have yet. */
function missingLabels(snapshot: AuditSnapshot): Action[] {
  const wanted = new Map<string, LabelSpec>();
  for (const finding of snapshot.findings) {
    if (snapshot.tracked.has(finding.fingerprint)) continue;
    for (const label of labelsOfFinding(finding, snapshot.language, snapshot.labelScheme)) wanted.set(label.name.toLowerCase(), label);
  }
  for (const pattern of snapshot.patterns) {
    if (snapshot.frameworks.has(pattern.fingerprint)) continue;
    for (const label of frameworkLabels(pattern, snapshot.language, snapshot.labelScheme)) wanted.set(label.name.toLowerCase(), label);
  }
  return [...wanted.entries()]
    .filter(([name]) => !snapshot.labels.has(name))
    .map(([, label]) => ({ kind: "ensureLabel", key: `label:${label.name}`, ...label }));
}

function frameworkLabels(pattern: Pattern, language: string | null | undefined, scheme: LabelScheme | undefined): LabelSpec[] {
  return findingLabels({ severity: pattern.severity, type: pattern.type, complexity: "large", scope: "framework", language, ...(scheme ? { scheme } : {}) });
}

/** The issues a pattern covers, as tracked now. */
export function membersOf(pattern: Pattern, snapshot: Pick<AuditSnapshot, "tracked">): Array<{ number: number; title: string }> {
  return pattern.members.flatMap((fp) => {
    const issue = snapshot.tracked.get(fp);
    return issue ? [{ number: issue.number, title: issue.title }] : [];
  });
}
