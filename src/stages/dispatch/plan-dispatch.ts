import type { Agent } from "../../config/agent-schema.js";
import type { Config } from "../../config/schema.js";
import { SEVERITIES } from "../audit/finding.js";
import type { DispatchTarget } from "../commands/command.js";
import { childrenOf } from "../../model/epic-document.js";
import { budgetOf, type Budget } from "./budget.js";
import { openDeps } from "./open-deps.js";
import { planChild } from "./plan-child.js";

import type { DispatchChild, DispatchSnapshot, PlannedDispatch } from "./dispatch-snapshot.js";

export type { DispatchChild, DispatchSnapshot, PlannedDispatch };

/** The plan: dispatches, skips with reasons, and the budget it leaves. */
export interface DispatchPlan {
  dispatches: PlannedDispatch[];
  /** Children left out, and why; one waiting for capacity names the agents and members it waits on (`agent:jules`, `member:mona`). */
  skipped: Array<{ child: number; reason: string; waitingOn?: string[] }>;
  /** Why nothing at all could be done (paused, no such phase …). */
  refusal?: string;
  budget: Budget;
}

/**
 * Plans a dispatch (SPEC §1.3), pure. Children are taken in priority order
 * (severity, then those without dependencies, then number); each is skipped
 * with its reason when closed, already dispatched, waiting on an open
 * dependency, a `feat(...)` issue without approval, not ready, or when no
 * agent or budget is left. A child the ledger has paid for but which never
 * got its dispatched label — and whose attempt was not released — is
 * repaired with the same ledger line.
 */
export function planDispatch(params: {
  snapshot: DispatchSnapshot;
  target: DispatchTarget;
  config: Pick<Config, "agents" | "budget" | "dispatch" | "labels">;
  now: Date;
  delivery: string;
  /** Why an agent cannot be handed a child for a member (it ignores the app and Factory has no one to write as), if it cannot. */
  unreachable?: (agent: Agent, member: string) => string | undefined;
}): DispatchPlan {
  const { snapshot, config } = params;
  const budget = budgetOf({ entries: snapshot.ledger, config, now: params.now, repo: snapshot.repo });
  const empty = (refusal: string): DispatchPlan => ({ dispatches: [], skipped: [], refusal, budget });
  if (snapshot.repoPaused) return empty("dispatching is paused for this repository (`/factory resume` to restart it)");
  if (snapshot.epic?.paused) return empty(`dispatching is paused for epic #${snapshot.epic.number} (\`/factory resume\` there to restart it)`);
  if (snapshot.epic && !snapshot.epic.branchExists) {
    return empty(
      `epic #${snapshot.epic.number}'s branch \`${snapshot.epic.branch}\` does not exist, so agents would have nowhere to open their pull requests: ` +
        "nothing was paid for. `/factory sync` here makes the branch (from the default branch) and links what is missing; then dispatch again",
    );
  }
  const dispatched = config.labels.dispatched.toLowerCase();
  const isDispatched = (child: DispatchChild | undefined) => child?.labels.some((label) => label.toLowerCase() === dispatched) ?? false;
  const selection = selectTargets({ snapshot, target: params.target, isDispatched });
  if ("refusal" in selection) return empty(selection.refusal);
  const branch = snapshot.epic?.branch ?? snapshot.defaultBranch;
  const plan: DispatchPlan = { dispatches: [], skipped: selection.skipped, budget };
  // Children each agent has in flight, this plan's included: an agent at its concurrency takes no more now.
  const busy = new Map(snapshot.inFlight ?? []);
  const full = () => new Map(config.agents.filter((a) => a.concurrency !== undefined && (busy.get(a.name) ?? 0) >= a.concurrency).map((a) => [a.name, busy.get(a.name) ?? 0]));
  // The same for the members who pay: one at their concurrency pays for no more now.
  const paying = new Map(snapshot.membersInFlight ?? []);
  const fullMembers = () =>
    new Map(
      config.budget.members
        .filter((m) => m.concurrency !== undefined && (paying.get(m.login.toLowerCase()) ?? 0) >= m.concurrency)
        .map((m) => [m.login.toLowerCase(), { login: m.login, count: paying.get(m.login.toLowerCase()) ?? 0, of: m.concurrency ?? 0 }]),
    );
  for (const child of inPriorityOrder(selection.numbers, snapshot)) {
    const decision = planChild({
      child,
      snapshot,
      config,
      budget: plan.budget,
      branch,
      now: params.now,
      delivery: params.delivery,
      isDispatched,
      full: full(),
      fullMembers: fullMembers(),
      ...(params.unreachable ? { unreachable: params.unreachable } : {}),
    });
    if ("skip" in decision) {
      plan.skipped.push({ child: child.number, reason: decision.skip, ...(decision.waitingOn ? { waitingOn: decision.waitingOn } : {}) });
      continue;
    }
    plan.budget = decision.budget;
    plan.dispatches.push(decision.dispatch);
    if (!decision.dispatch.repair) {
      busy.set(decision.dispatch.agent.name, (busy.get(decision.dispatch.agent.name) ?? 0) + 1);
      const member = decision.dispatch.member.toLowerCase();
      paying.set(member, (paying.get(member) ?? 0) + 1);
    }
  }
  return { ...plan };
}

/** The children still there, by severity, then those without open dependencies, then number. */
function inPriorityOrder(numbers: readonly number[], snapshot: DispatchSnapshot): DispatchChild[] {
  return numbers
    .map((number) => snapshot.children.get(number))
    .filter((child): child is DispatchChild => child !== undefined)
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        Number(openDeps(a, snapshot).length > 0) - Number(openDeps(b, snapshot).length > 0) ||
        a.number - b.number,
    );
}

/** The children a target names, or why it names none. */
function selectTargets(params: {
  snapshot: DispatchSnapshot;
  target: DispatchTarget;
  isDispatched: (child: DispatchChild | undefined) => boolean;
}): { numbers: number[]; skipped: Array<{ child: number; reason: string }> } | { refusal: string } {
  const { snapshot, target } = params;
  const epic = snapshot.epic;
  if (target.kind === "issues") {
    const members = epic ? new Set(childrenOf(epic.document).map((child) => child.number)) : undefined;
    const skipped = target.issues.filter((n) => members && !members.has(n)).map((n) => ({ child: n, reason: `not a child of epic #${epic?.number}` }));
    const missing = target.issues.filter((n) => (!members || members.has(n)) && !snapshot.children.has(n)).map((n) => ({ child: n, reason: "closed or not found" }));
    return { numbers: target.issues.filter((n) => (!members || members.has(n)) && snapshot.children.has(n)), skipped: [...skipped, ...missing] };
  }
  if (!epic) return { refusal: "`dispatch phase N` and `dispatch next` work on an epic; on another issue, name the issues: `/factory dispatch #12 #15`" };
  if (target.kind === "phase") {
    const phase = epic.document.phases.find((p) => p.number === target.phase);
    if (!phase) return { refusal: `epic #${epic.number} has no phase ${target.phase} (it has ${epic.document.phases.map((p) => p.number).join(", ") || "none"})` };
    return withClosed(phase.children.map((child) => child.number), snapshot);
  }
  const next = epic.document.phases.find((phase) =>
    phase.children.some((child) => !child.checked && snapshot.children.get(child.number)?.state === "open" && !params.isDispatched(snapshot.children.get(child.number))),
  );
  if (!next) return { refusal: `every open child of epic #${epic.number} is dispatched already` };
  return withClosed(next.children.map((child) => child.number), snapshot);
}

function withClosed(numbers: number[], snapshot: DispatchSnapshot): { numbers: number[]; skipped: Array<{ child: number; reason: string }> } {
  return {
    numbers: numbers.filter((n) => snapshot.children.has(n)),
    skipped: numbers.filter((n) => !snapshot.children.has(n)).map((n) => ({ child: n, reason: "closed" })),
  };
}
