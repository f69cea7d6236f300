import type { Agent } from "../../config/agent-schema.js";
import type { Config } from "../../config/schema.js";
import { describeRefusal, payer, spend, type Budget } from "./budget.js";
import { ledgerKey, type LedgerEntry } from "../../model/ledger-entry.js";
import { openDeps } from "./open-deps.js";
import type { DispatchChild, DispatchSnapshot, PlannedDispatch } from "./dispatch-snapshot.js";
import { readiness } from "./readiness.js";
import { routeAgent } from "./route-agent.js";
import { unreleasedAttempt } from "./unreleased-attempt.js";

/**
 * What {@link planChild} decided for one child: skip it — with, when it waits
 * for capacity, the agents and members (`agent:jules`, `member:mona`) it waits
 * on — or dispatch it and leave this budget.
 */
export type ChildDecision = { skip: string; waitingOn?: string[] } | { dispatch: PlannedDispatch; budget: Budget };

/**
 * Decides one child of a dispatch, pure: skipped when closed, already
 * dispatched, waiting on an open dependency, a `feat(...)` issue without
 * approval, not ready, or when no agent or budget is left; repaired with its
 * ledger line when paid for but never labelled dispatched; otherwise routed
 * to an agent and paid for by a member.
 */
export function planChild(params: {
  child: DispatchChild;
  snapshot: DispatchSnapshot;
  config: Pick<Config, "agents" | "budget" | "dispatch" | "labels">;
  budget: Budget;
  branch: string;
  now: Date;
  delivery: string;
  isDispatched: (child: DispatchChild | undefined) => boolean;
  /** Agents working on as many children as their `concurrency` allows (with this plan's), with how many. */
  full?: ReadonlyMap<string, number>;
  /** Members paying for as many children in flight as their `concurrency` allows (with this plan's), by lowercased login. */
  fullMembers?: ReadonlyMap<string, { login: string; count: number; of: number }>;
  /** Why an agent cannot be handed a child for a member, if it cannot: then nothing is paid. */
  unreachable?: (agent: Agent, member: string) => string | undefined;
}): ChildDecision {
  const { child, snapshot, config, branch } = params;
  if (child.state === "closed") return { skip: "closed" };
  if (params.isDispatched(child)) return { skip: "already dispatched" };
  const attempts = snapshot.ledger.filter((entry) => entry.repo.toLowerCase() === snapshot.repo.toLowerCase() && entry.issue === child.number);
  const released = snapshot.released ?? new Set<string>();
  const unfinished = unreleasedAttempt({ entries: attempts, released, repo: snapshot.repo, issue: child.number });
  if (unfinished) {
    // Paid for but never labelled dispatched: a crash between the ledger and the trigger.
    const agent = config.agents.find((a) => a.name === unfinished.agent);
    if (agent) return { dispatch: { child: child.number, title: child.title, body: child.body, agent, member: unfinished.member, branch, entry: unfinished, repair: true }, budget: params.budget };
  }
  const deps = openDeps(child, snapshot);
  if (deps.length > 0) return { skip: `waiting for ${deps.map((n) => `#${n}`).join(", ")} (still open)` };
  if (child.type === "feature" && !child.labels.some((label) => label.toLowerCase() === config.dispatch.approvalLabel.toLowerCase())) {
    return { skip: `a feat(...) issue needs the \`${config.dispatch.approvalLabel}\` label from an owner first` };
  }
  const ready = readiness(child.body, config.dispatch.readiness);
  if (!ready.ready) return { skip: `not ready: ${ready.reason}` };
  const exhausted = new Set(params.budget.agents.filter((a) => a.used >= a.quota).map((a) => a.name));
  // Released attempts are the failures routing counts: after enough of them the next agent gets the child.
  const byAgent = new Map<string, number>();
  // An attempt the agent never picked up counts as enough failures to move on to the next agent.
  const weight = (key: string) => (snapshot.abandoned?.has(key) ? config.dispatch.failuresBeforeFallback : 1);
  for (const attempt of attempts) if (released.has(attempt.key)) byAgent.set(attempt.agent, (byAgent.get(attempt.agent) ?? 0) + weight(attempt.key));
  const routed = routeAgent({ type: child.type, config, attempts: byAgent, exhausted, ...(params.full ? { full: params.full } : {}) });
  if ("none" in routed) return { skip: routed.none, ...(routed.waitingOn ? { waitingOn: routed.waitingOn } : {}) };
  const paid = payer(params.budget, routed.agent.name, new Set(params.fullMembers?.keys()));
  if ("refused" in paid && paid.refused === "member-capacity") {
    const withQuota = new Set(params.budget.members.filter((m) => m.used < m.quota).map((m) => m.login.toLowerCase()));
    const busy = [...(params.fullMembers?.values() ?? [])].filter((m) => withQuota.has(m.login.toLowerCase()));
    return {
      skip: `waiting for capacity: ${busy.map((m) => `${m.login} has ${m.count} of ${m.of} children in flight`).join(", ")}; it goes out as one finishes`,
      waitingOn: busy.map((m) => `member:${m.login.toLowerCase()}`),
    };
  }
  if ("refused" in paid) return { skip: `budget: ${describeRefusal(paid.refused, params.budget, routed.agent.name)}` };
  // An agent that ignores the app, with no member to write as, would never see the hand-over: nothing is paid for it.
  const unreachable = params.unreachable?.(routed.agent, paid.member);
  if (unreachable) return { skip: `not handed to ${routed.agent.name}, nothing paid: ${unreachable}` };
  const entry: LedgerEntry = {
    v: 1,
    kind: "dispatch",
    key: ledgerKey({ repo: snapshot.repo, issue: child.number, attempt: attempts.length + 1 }),
    time: params.now.toISOString(),
    repo: snapshot.repo,
    issue: child.number,
    ...(snapshot.epic ? { epic: snapshot.epic.number } : {}),
    agent: routed.agent.name,
    member: paid.member,
    delivery: params.delivery,
  };
  return {
    dispatch: { child: child.number, title: child.title, body: child.body, agent: routed.agent, member: paid.member, branch, entry, repair: false },
    budget: spend(params.budget, paid.member, routed.agent.name),
  };
}
