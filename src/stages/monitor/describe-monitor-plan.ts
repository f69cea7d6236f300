import { describeActions, type DescribeContext } from "../describe-action.js";
import { currentPull } from "./link-pulls.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { MonitorPlan } from "./plan-monitor.js";
import { allPulls, pullNumbered } from "./pull-numbered.js";

/** What one monitor pass over an epic would do, in words; nothing of it was applied. */
export interface MonitorPreview {
  epic: number;
  /** The actions the executor would apply, in order, each as {@link describeActions} says it. */
  actions: string[];
  /** The "Factory" check runs that would be added or updated (reporting only). */
  reports: string[];
  /** Release lines the pass would append to the ledger (attempts whose pull request closed unmerged). */
  releases: number;
  /** Journal records the pass would append (finished children). */
  journal: number;
  /** Whether the next phase would be dispatched (`dispatch.auto` on; through Stage 3, within the budget). */
  dispatchNext: boolean;
  /** Why each open pull request is waiting. */
  waiting: MonitorPlan["waiting"];
}

/** A monitor plan in words, for a dry run (`/factory sync --dry-run`); pure. */
export function describeMonitorPlan(params: { plan: MonitorPlan; snapshot: EpicMonitorSnapshot }): MonitorPreview {
  const { plan, snapshot } = params;
  const context = monitorContext(snapshot);
  return {
    epic: snapshot.epic.number,
    actions: describeActions(plan.actions, context),
    reports: describeActions(plan.reports, context),
    releases: plan.releases.length,
    journal: plan.journal.length,
    dispatchNext: plan.dispatchNext,
    waiting: plan.waiting,
  };
}

/** What the describer may say about a monitor pass's actions, from the snapshot it was planned from. */
export function monitorContext(snapshot: EpicMonitorSnapshot): DescribeContext {
  const epic = snapshot.epic.number;
  return {
    epic,
    epicBranch: snapshot.epic.branch,
    epicPulls: new Set(snapshot.epicPulls.map((pull) => pull.number)),
    mergedPullOf: (issue) => {
      const pull = issue === epic ? snapshot.epicPulls.find((p) => p.state === "MERGED") : currentPull(snapshot.children.get(issue)?.pulls ?? []);
      return pull?.state === "MERGED" ? pull.number : undefined;
    },
    baseOf: (pull) => pullNumbered(snapshot, pull)?.base,
    retargetedFrom: (pull) => snapshot.wrongBase.find((wrong) => wrong.pull === pull)?.base,
    pullAtHead: (sha) => allPulls(snapshot).find((p) => p.headSha === sha && p.state === "OPEN")?.number,
  };
}
