import type { Logger } from "probot";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { Config } from "../../config/schema.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { DispatchTarget } from "../commands/command.js";
import { planDispatch, type DispatchPlan } from "./plan-dispatch.js";
import { planHandOver } from "./plan-hand-over.js";
import { readDispatch } from "./read-dispatch.js";
import { hasToken, agentApis, memberWriters, type UserOctokitFactory } from "../../agents/member-writers.js";
import { unreachable } from "../../agents/unreachable.js";
import { runFlow } from "../run-flow.js";
import type { FlowObserver } from "../flow-observer.js";

export type { UserOctokitFactory } from "../../agents/member-writers.js";

/** What a dispatch run did. */
export interface DispatchOutcome {
  plan: DispatchPlan;
  /** Dispatches whose trigger or comment failed; their ledger line stays, so the next run finishes them. */
  failed: Array<{ child: number; reason: string }>;
  /** Agents triggered with the installation token although they may ignore bots. */
  warnings: string[];
  /** Ledger writes lost to a concurrent writer before this run's went through. */
  conflicts: number;
  dryRun: boolean;
  /** A dry run's writes, in words. */
  described?: string[];
}

/** Inputs of {@link runDispatch}. */
export interface RunDispatchParams {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "agents" | "budget" | "dispatch" | "epics" | "labels" | "ledger">;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
  /** The issue the command was given on (an epic, or any issue for `dispatch #A #B`). */
  issue: number;
  target: DispatchTarget;
  dryRun: boolean;
  now: Date;
  delivery: string;
  defaultBranch: string;
  env: NodeJS.ProcessEnv;
  userOctokit: UserOctokitFactory;
  /** How agents' own APIs are reached (Jules's sessions); Node's `fetch` when absent, a stand-in in tests. */
  agentFetch?: typeof globalThis.fetch;
  log: Logger;
  /** Told the outcome of a run that was not a dry run (metrics). */
  observer?: FlowObserver;
}

/**
 * The dispatch flow (SPEC §1.3): observe the epic, its children, their
 * dependencies, the pause state and this month's ledger (`readDispatch`);
 * plan (`planDispatch`, then `planHandOver`): pay first — the ledger lines,
 * compare-and-swap, so two writers can never both spend the last unit — and
 * only then trigger each agent, post the target-branch comment and add the
 * dispatched label. On a conflict `runFlow` reads and plans again. A crash
 * after paying is finished by the next run from the ledger line, never paid
 * twice.
 */
export async function runDispatch(params: RunDispatchParams): Promise<DispatchOutcome> {
  const { octokit, repo, config } = params;
  const run = await runFlow({
    observe: () => readDispatch({ ...params }),
    plan: (seen) => {
      const has = (name: string) => hasToken(params.env, name);
      const plan = planDispatch({ snapshot: seen.snapshot, target: params.target, config, now: params.now, delivery: params.delivery, unreachable: (agent, member) => unreachable({ agent, member, config, hasToken: has }) });
      const handOver = planHandOver({ plan, ledger: seen.ledger, epic: seen.epic, repo: `${repo.owner}/${repo.repo}`, config, hasToken: has });
      return { actions: handOver.actions, reply: { plan, warnings: handOver.warnings } };
    },
    writer: { octokit, repo, identity: params.identity, members: memberWriters(params, params.octokit), agentApis: agentApis(params) },
    dryRun: params.dryRun,
    onConflict: (conflicts) => params.log.info({ conflicts }, "Ledger changed under us: re-reading and re-planning"),
  });
  const { plan, warnings } = run.plan.reply;
  const outcome: DispatchOutcome = { plan, failed: [], warnings: params.dryRun ? [] : warnings, conflicts: run.conflicts, dryRun: params.dryRun };
  if (run.described) return { ...outcome, described: run.described };
  for (const failed of run.applied.filter((done) => done.outcome === "failed")) {
    const child = plan.dispatches.find((dispatch) => failed.action.unit === `dispatch:${dispatch.entry.key}`)?.child ?? 0;
    params.log.error({ child, reason: failed.reason }, "Dispatch trigger failed");
    outcome.failed.push({ child, reason: failed.reason ?? "unknown error" });
  }
  params.observer?.dispatchDone?.(outcome);
  return outcome;
}
