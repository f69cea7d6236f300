import { readLabelValues } from "../label-values.js";
import type { MonitorChild, EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { PullSnapshot } from "./pull-snapshot.js";

/** A finished child's journal record: structural fields only (SPEC §1.4). */
export interface JournalRecord {
  v: 1;
  kind: "child";
  key: string;
  repo: string;
  epic: number;
  child: number;
  pull: number;
  outcome: "merged" | "closed-unmerged";
  implementer: string;
  headSha: string;
  openedAt: string;
  finishedAt: string;
  cycles: { checks: number; reviews: number; conflict: number };
  automations: string[];
  /** The pull request was escalated to a person before it finished. */
  escalated?: boolean;
  /** Where the child came from, when it names its audit; field names as hand-run audit runbooks write them. */
  origin?: JournalOrigin;
}

/**
 * The audit a child came from (the `origin` of the audit runbooks' journal):
 * read from the child's body (finding or framework marker, `Parent audit: #N`)
 * and labels (either spelling), and from the epic's framework issues.
 */
export interface JournalOrigin {
  type: "audit";
  /** The audit issue. */
  audit_issue: number;
  /** The finding's type (`security`, `quality`, …), from the child's labels. */
  audit_category?: string;
  /** From the child's labels. */
  finding_severity?: string;
  /** From the child's labels; `framework` for a framework issue. */
  finding_scope?: string;
  /** The child is a framework issue (marker or `framework` scope label), or one a framework issue of the same epic covers. */
  pattern_detected: boolean;
  /** That framework issue (the child itself when it is one). */
  framework_issue?: number;
}

/** The child's origin, or undefined when nothing names its audit. */
export function journalOrigin(snapshot: Pick<EpicMonitorSnapshot, "children">, child: MonitorChild): JournalOrigin | undefined {
  const audit = child.source?.audit;
  if (audit === undefined) return undefined;
  const values = readLabelValues(child.labels);
  // A framework issue: Factory's (its marker) or a runbook's (scope label `framework`).
  const isFramework = child.source?.covers !== undefined || values.scope === "framework";
  const framework = isFramework ? child.number : [...snapshot.children.values()].find((other) => other.source?.covers?.includes(child.number))?.number;
  const scope = isFramework ? "framework" : values.scope;
  return {
    type: "audit",
    audit_issue: audit,
    ...(values.type ? { audit_category: values.type } : {}),
    ...(values.severity ? { finding_severity: values.severity } : {}),
    ...(scope ? { finding_scope: scope } : {}),
    pattern_detected: framework !== undefined,
    ...(framework === undefined ? {} : { framework_issue: framework }),
  };
}

/** The journal record of a child whose pull request finished (merged or closed unmerged). */
export function journalRecord(args: {
  snapshot: EpicMonitorSnapshot;
  child: MonitorChild;
  pull: PullSnapshot;
  outcome: JournalRecord["outcome"];
  escalationLabel: string;
}): JournalRecord {
  const { pull } = args;
  const cycles = { checks: 0, reviews: 0, conflict: 0 };
  for (const nudge of pull.nudges) cycles[nudge.kind] += 1;
  const origin = journalOrigin(args.snapshot, args.child);
  return {
    v: 1,
    kind: "child",
    key: `${args.snapshot.repo}#${args.child.number}:pr${pull.number}`,
    repo: args.snapshot.repo,
    epic: args.snapshot.epic.number,
    child: args.child.number,
    pull: pull.number,
    outcome: args.outcome,
    implementer: pull.author,
    headSha: pull.headSha,
    openedAt: pull.createdAt,
    finishedAt: pull.mergedAt ?? pull.closedAt ?? "",
    cycles,
    automations: [...pull.nudges.map((nudge) => `nudge:${nudge.kind}`), ...(pull.autoMerge || pull.state === "MERGED" ? ["auto-merge"] : [])],
    escalated: pull.labels.some((label) => label.toLowerCase() === args.escalationLabel.toLowerCase()),
    ...(origin ? { origin } : {}),
  };
}
