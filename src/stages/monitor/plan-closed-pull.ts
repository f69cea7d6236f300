import type { Config } from "../../config/schema.js";
import { journalRecord } from "./journal-record.js";
import type { MonitorChild, EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { MonitorPlan } from "./monitor-plan.js";
import type { PullSnapshot } from "./pull-snapshot.js";

/**
 * A dispatched child's pull request was closed without merging: the attempt
 * is released, the child undispatched, the epic told how to retry, and the
 * attempt journalled.
 */
export function planClosedPull(args: {
  snapshot: EpicMonitorSnapshot;
  child: MonitorChild;
  pull: PullSnapshot;
  config: Pick<Config, "monitor" | "labels">;
  plan: MonitorPlan;
}): void {
  const { snapshot, child, pull, config, plan } = args;
  if (child.labels.some((label) => label.toLowerCase() === config.labels.dispatched.toLowerCase())) {
    plan.releases.push({ child: child.number, reason: `#${pull.number} was closed without merging` });
    plan.actions.push(
      { kind: "removeLabel", key: `undispatch:${child.number}:${pull.number}`, issue: child.number, label: config.labels.dispatched },
      {
        kind: "comment",
        key: `closed:${pull.number}`,
        issue: snapshot.epic.number,
        body: `#${pull.number} (for #${child.number}) was closed without merging. \`/factory retry #${child.number}\` hands #${child.number} out again, to the next agent if this one keeps failing.`,
        marker: { kind: "pr-closed", fields: { pr: `#${pull.number}` } },
        ...(pull.closedAt ? { since: pull.closedAt } : {}),
      },
    );
    plan.journal.push(journalRecord({ snapshot, child, pull, outcome: "closed-unmerged", escalationLabel: config.monitor.escalationLabel }));
  }
}
