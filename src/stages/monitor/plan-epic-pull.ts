import type { Config } from "../../config/schema.js";
import { decidePull } from "./decide-pull.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { MonitorPlan } from "./monitor-plan.js";
import type { PullSnapshot } from "./pull-snapshot.js";

/** The epic's own open pull request: brought up to date, queued, armed for auto-merge, or left to a person. */
export function planEpicPull(args: {
  snapshot: EpicMonitorSnapshot;
  config: Pick<Config, "merge" | "monitor">;
  plan: MonitorPlan;
  open: PullSnapshot;
  now: Date;
}): void {
  const { snapshot, config, plan, open } = args;
  const { epic } = snapshot;
  // The epic's own pull request merges under the same rule as the agents': its head's CI green, its approvals there.
  const decision = decidePull({ pull: open, config, now: args.now });
  if (decision.kind === "updateBranch") {
    plan.actions.push({ kind: "updateBranch", key: `update:${open.number}:${open.headSha}`, pull: open.number, headSha: open.headSha });
  } else if (decision.kind === "enqueue") {
    plan.actions.push({ kind: "enqueuePull", key: `enqueue:${open.number}:${open.headSha}`, pull: open.number, nodeId: open.nodeId, headSha: open.headSha });
  } else if (decision.kind !== "enableAutoMerge" && !(decision.kind === "wait" && /`merge\.auto` is off/.test(decision.reason))) {
    // Nobody is asked to fix it (no agent wrote it): the reason is shown on status and the dashboard.
    plan.waiting.push({ pull: open.number, child: epic.number, reason: decision.kind === "wait" ? decision.reason : `needs a person: ${decision.kind === "escalate" ? decision.reason : `the epic's pull request has ${decision.kind === "nudge" ? `failing checks: ${decision.failing.join(", ") || decision.nudge}` : "open review threads"}`}` });
  } else if (!open.autoMerge && config.merge.auto) {
    plan.actions.push({
      kind: "enableAutoMerge",
      key: `automerge:${open.number}`,
      pull: open.number,
      nodeId: open.nodeId,
      method: config.merge.method,
      ...(decision.kind === "enableAutoMerge" && decision.direct ? { direct: { reason: decision.direct, headSha: open.headSha } } : {}),
    });
  } else if (!open.autoMerge) {
    plan.actions.push({
      kind: "comment",
      key: `epic-pr-ready:${open.number}`,
      issue: epic.number,
      body: `Every child is merged: #${open.number} brings \`${epic.branch}\` into \`${snapshot.defaultBranch}\`. \`merge.auto\` is off, so a person merges it.`,
      marker: { kind: "epic-pr-ready", fields: { pr: `#${open.number}` } },
    });
  }
}
