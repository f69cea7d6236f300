import type { Action } from "../../model/action.js";
import type { RequestRoute } from "../../agents/request-route.js";
import type { Config } from "../../config/schema.js";
import type { PullDecision } from "./decide-pull.js";
import type { MonitorPlan } from "./monitor-plan.js";
import { nudgeText, resolveText } from "./nudge-text.js";
import type { PullSnapshot } from "./pull-snapshot.js";

/** The actions (or the waiting reason) that carry out `decidePull`'s decision for a child's open pull request. */
export function planPullDecision(args: {
  epic: number;
  child: number;
  pull: PullSnapshot;
  decision: PullDecision;
  config: Pick<Config, "monitor" | "merge">;
  plan: MonitorPlan;
  /** The request's text in the agent's syntax, and the member who writes it; Factory's plain words from the app when absent. */
  route?: Extract<RequestRoute, { body: unknown }>;
  /** `owner/name`, for finding the child's session when the request goes through the agent's API. */
  repo?: string;
  /** How the resolver agent is asked, for a `resolveConflict` decision. */
  resolver?: Extract<RequestRoute, { body: unknown }>;
}): void {
  const { child, pull, decision, config, plan } = args;
  switch (decision.kind) {
    case "wait":
      plan.waiting.push({ pull: pull.number, child, reason: decision.reason });
      break;
    case "nudge": {
      const ask = nudgeText(decision.nudge, decision.failing);
      const session = args.route?.session && args.repo ? { session: { ...args.route.session, repo: args.repo, title: `${args.repo}#${child}:`, prompt: ask } } : {};
      plan.actions.push({ ...request({ pull, route: args.route, ask, key: `nudge:${pull.number}:${decision.nudge}:${pull.headSha}`, kind: decision.nudge }), ...session });
      break;
    }
    case "resolveConflict":
      plan.actions.push(request({ pull, route: args.resolver, ask: resolveText(pull.base, pull.head), key: `resolver:${pull.number}:${pull.headSha}`, kind: "conflict", extra: { resolver: decision.resolver } }));
      break;
    case "resolveThreads":
      plan.actions.push({ kind: "resolveThreads", key: `resolve:${pull.number}:${pull.headSha}`, pull: pull.number, threads: decision.threads });
      break;
    case "updateBranch":
      plan.actions.push({ kind: "updateBranch", key: `update:${pull.number}:${pull.headSha}`, pull: pull.number, headSha: pull.headSha });
      break;
    case "enableAutoMerge":
      plan.actions.push({
        kind: "enableAutoMerge",
        key: `automerge:${pull.number}`,
        pull: pull.number,
        nodeId: pull.nodeId,
        method: config.merge.method,
        ...(decision.direct ? { direct: { reason: decision.direct, headSha: pull.headSha } } : {}),
      });
      break;
    case "enqueue":
      plan.actions.push({ kind: "enqueuePull", key: `enqueue:${pull.number}:${pull.headSha}`, pull: pull.number, nodeId: pull.nodeId, headSha: pull.headSha });
      break;
    case "escalate":
      plan.actions.push(
        { kind: "addLabels", key: `escalate:${pull.number}`, issue: pull.number, labels: [config.monitor.escalationLabel] },
        {
          kind: "comment",
          key: `escalated:${pull.number}`,
          issue: args.epic,
          body: `⚠️ #${pull.number} (for #${child}) needs a person: ${decision.reason}. It is labelled \`${config.monitor.escalationLabel}\`; the rest of the epic carries on.`,
          marker: { kind: "escalated", fields: { pr: `#${pull.number}` } },
          since: pull.createdAt,
        },
      );
      break;
  }
}

/**
 * A request on a pull request — to its agent, or to the resolver agent — in
 * the route's words and as its member, carrying the `nudge` marker that the
 * next pass counts it by (the head it was about, and its number).
 */
function request(params: {
  pull: PullSnapshot;
  route: Extract<RequestRoute, { body: unknown }> | undefined;
  ask: string;
  key: string;
  kind: string;
  /** More marker fields, after the ones every request has. */
  extra?: Record<string, string>;
}): Extract<Action, { kind: "comment" }> {
  const { pull, route } = params;
  return {
    kind: "comment",
    key: params.key,
    ...(route?.as ? { as: route.as } : {}),
    issue: pull.number,
    body: (route?.body ?? ((text: string) => text))(params.ask),
    marker: { kind: "nudge", fields: { kind: params.kind, sha: pull.headSha, n: String(pull.nudges.length + 1), ...params.extra } },
    since: pull.headCommittedAt,
  };
}
