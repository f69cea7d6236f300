import { describeMonitorAction } from "./describe-monitor-action.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { MonitorPlan } from "./plan-monitor.js";

/** What one monitor pass over an epic would do, in words; nothing of it was applied. */
export interface MonitorPreview {
  epic: number;
  /** The actions the executor would apply, in order, each as {@link describeMonitorAction} says it. */
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
  return {
    epic: snapshot.epic.number,
    actions: plan.actions.map((action) => describeMonitorAction(action, snapshot)),
    reports: plan.reports.map((action) => describeMonitorAction(action, snapshot)),
    releases: plan.releases.length,
    journal: plan.journal.length,
    dispatchNext: plan.dispatchNext,
    waiting: plan.waiting,
  };
}
