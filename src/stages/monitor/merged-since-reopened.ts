import type { MonitorChild } from "./monitor-snapshot.js";
import type { PullSnapshot } from "./pull-snapshot.js";

/**
 * A merged pull request finishes its child unless a person reopened the
 * child after it merged (they want more work): then only a merge after the
 * reopening does.
 */
export function mergedSinceReopened(child: MonitorChild, pull: PullSnapshot): boolean {
  if (child.stateReason !== "reopened") return true;
  if (child.reopenedAt === undefined || pull.mergedAt === null) return false;
  return Date.parse(pull.mergedAt) > Date.parse(child.reopenedAt);
}
