import type { RequestRoute } from "../../agents/request-route.js";
import type { Config } from "../../config/schema.js";
import { decidePull } from "./decide-pull.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { MonitorPlan } from "./monitor-plan.js";
import { planPullDecision } from "./plan-pull-decision.js";
import type { PullSnapshot } from "./pull-snapshot.js";
import { renderCheckRun } from "./render-check-run.js";

/**
 * A child's open pull request: its one next step from `decidePull`, and its
 * "Factory" check run reported again when the summary changed.
 */
export function planOpenPull(args: {
  snapshot: EpicMonitorSnapshot;
  child: number;
  pull: PullSnapshot;
  config: Pick<Config, "monitor" | "merge">;
  plan: MonitorPlan;
  now: Date;
  mergeBusy: boolean;
  /** How a request reaches this pull request's agent; Factory's plain words from the app when absent. */
  route?: (author: string) => RequestRoute;
  /** How the resolver agent (`monitor.conflictResolver`) is asked, when there is one. */
  resolver?: RequestRoute;
}): void {
  const { snapshot, child, pull, config, plan } = args;
  const { epic } = snapshot;
  const decided = decidePull({ pull, config, now: args.now, mergeBusy: args.mergeBusy });
  const route = args.route?.(pull.author) ?? { body: (ask: string) => ask };
  // A request the agent would never see is not made (nor counted): a person is told at once, with what to set up.
  const resolver = args.resolver;
  const decision =
    decided.kind === "nudge" && "unreachable" in route
      ? { kind: "escalate" as const, reason: route.unreachable }
      : decided.kind === "resolveConflict" && (!resolver || "unreachable" in resolver)
        ? { kind: "escalate" as const, reason: resolver && "unreachable" in resolver ? `still conflicting after ${args.config.monitor.nudgeAttempts} requests; ${resolver.unreachable}` : "still conflicting, and no resolver agent is reachable" }
        : decided;
  const phase = epic.document.phases.find((p) => p.children.some((c) => c.number === child))?.number;
  const summary = renderCheckRun({ pull, child, epic: epic.number, ...(phase ? { phase } : {}), decision, escalationLabel: config.monitor.escalationLabel });
  if (pull.factoryCheck?.summary !== summary) {
    plan.reports.push({
      kind: "ensureCheckRun",
      key: `check:${pull.number}:${pull.headSha}`,
      headSha: pull.headSha,
      ...(pull.factoryCheck ? { existing: pull.factoryCheck.id } : {}),
      title: `#${child} · ${decision.kind === "wait" ? decision.reason : decision.kind}`.slice(0, 120),
      summary,
    });
  }
  planPullDecision({ epic: epic.number, child, pull, decision, config, plan, repo: snapshot.repo, ...("body" in route ? { route } : {}), ...(resolver && "body" in resolver ? { resolver } : {}) });
}
