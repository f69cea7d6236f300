import { approved } from "./decide-pull.js";
import { currentPull } from "./link-pulls.js";
import type { MonitorChild, EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { PullSnapshot } from "./pull-snapshot.js";

/**
 * The pull request that may be brought up to date and merged now: the one
 * with auto-merge armed, else the approved one of the most severe child
 * (lowest number first). The others wait their turn instead of rerunning CI
 * after every merge into the epic branch.
 */
export function mergeSlot(snapshot: EpicMonitorSnapshot, children: readonly number[], escalationLabel: string, approvals: number): number | undefined {
  const open = children
    .map((n) => snapshot.children.get(n))
    .filter((child): child is MonitorChild => child?.state === "open")
    .map((child) => currentPull(child.pulls))
    .filter((pull): pull is PullSnapshot => pull?.state === "OPEN" && !pull.isDraft && !pull.labels.some((l) => l.toLowerCase() === escalationLabel.toLowerCase()));
  const armed = open.find((pull) => pull.autoMerge);
  if (armed) return armed.number;
  // Approved as decidePull counts it: GitHub's decision, or Factory's own count where the base has no review rule.
  return open.filter((pull) => approved(pull, approvals)).sort((a, b) => a.number - b.number)[0]?.number;
}
