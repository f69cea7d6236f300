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
  };
}
