import type { Config } from "../../config/schema.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { MonitorPlan } from "./monitor-plan.js";
import { planEpicPull } from "./plan-epic-pull.js";

/**
 * Every child is closed: once the epic's own pull request is merged the epic
 * closes and its branch goes; while it is open it merges like an agent's;
 * before there is one, it is opened.
 */
export function planEpicFinish(args: {
  snapshot: EpicMonitorSnapshot;
  config: Pick<Config, "merge" | "monitor">;
  plan: MonitorPlan;
  now: Date;
}): void {
  const { snapshot, plan } = args;
  const { epic } = snapshot;
  const open = snapshot.epicPulls.find((pull) => pull.state === "OPEN");
  const merged = snapshot.epicPulls.find((pull) => pull.state === "MERGED");
  if (merged) {
    plan.actions.push(
      { kind: "closeIssue", key: `close-epic:${epic.number}`, issue: epic.number, reason: "completed" },
      {
        kind: "comment",
        key: `epic-done:${epic.number}`,
        issue: epic.number,
        body: `Epic done: #${merged.number} merged \`${epic.branch}\` into \`${snapshot.defaultBranch}\`. Closing the epic and deleting its branch.`,
        marker: { kind: "epic-done", fields: { epic: `#${epic.number}` } },
        ...(merged.mergedAt ? { since: merged.mergedAt } : {}),
      },
    );
    if (snapshot.branchExists) plan.actions.push({ kind: "deleteBranch", key: `delete:${epic.branch}`, branch: epic.branch });
  } else if (open) {
    planEpicPull({ snapshot, config: args.config, plan, open, now: args.now });
  } else if (snapshot.branchExists) {
    plan.actions.push({
      kind: "openPullRequest",
      key: `epic-pr:${epic.number}`,
      head: epic.branch,
      base: snapshot.defaultBranch,
      title: epic.title,
      body: `Closes #${epic.number}\n\nEvery child of epic #${epic.number} is merged into \`${epic.branch}\`; this brings the epic into \`${snapshot.defaultBranch}\`.`,
    });
  }
}
