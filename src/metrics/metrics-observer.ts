import type { FlowObserver } from "../stages/flow-observer.js";
import type { Metrics } from "./metrics.js";

/**
 * Feeds the dispatch, budget and escalation metrics from what the flows did:
 * a dispatch counts once its agent was triggered (a failed hand-over counts
 * when the next run finishes it); an escalation counts when its comment is
 * posted, which happens once per pull request however often the monitor runs.
 */
export function metricsObserver(metrics: Pick<Metrics, "dispatches" | "budgetRemaining" | "escalations">): FlowObserver {
  return {
    dispatchDone(outcome) {
      if (outcome.dryRun) return;
      const failed = new Set(outcome.failed.map((f) => f.child));
      for (const dispatch of outcome.plan.dispatches) {
        if (!failed.has(dispatch.child)) metrics.dispatches.inc({ agent: dispatch.agent.name, member: dispatch.member });
      }
      for (const member of outcome.plan.budget.members) {
        metrics.budgetRemaining.set({ member: member.login }, Math.max(0, member.quota - member.used));
      }
    },
    monitorApplied(applied) {
      for (const { action, outcome } of applied) {
        if (outcome === "done" && action.kind === "comment" && action.marker.kind === "escalated") metrics.escalations.inc();
      }
    },
  };
}
