import type { Config } from "../../config/schema.js";
import { utcDay, type LedgerEntry } from "../../model/ledger-entry.js";

/** Today's budget, from the ledger (SPEC §1.3): never from a guess. */
export interface Budget {
  day: string;
  /** Sum of the members' quotas. */
  pool: number;
  used: number;
  /** Per member: quota and used today. */
  members: Array<{ login: string; quota: number; used: number }>;
  /** Per agent: used today (and its quota). */
  agents: Array<{ name: string; quota: number; used: number }>;
  /** This repository's use today and its cap (`repoShare` of the pool). */
  repo: { name: string; used: number; cap: number };
}

/** Counts today's (UTC) dispatches in the ledger for the budget of `repo`. */
export function budgetOf(params: {
  entries: readonly LedgerEntry[];
  config: Pick<Config, "budget" | "agents">;
  now: Date;
  repo: string;
}): Budget {
  const day = utcDay(params.now);
  const today = params.entries.filter((entry) => utcDay(entry.time) === day);
  const pool = params.config.budget.members.reduce((sum, member) => sum + member.dailyQuota, 0);
  const count = (predicate: (entry: LedgerEntry) => boolean) => today.filter(predicate).length;
  return {
    day,
    pool,
    used: today.length,
    members: params.config.budget.members.map((member) => ({
      login: member.login,
      quota: member.dailyQuota,
      used: count((entry) => entry.member.toLowerCase() === member.login.toLowerCase()),
    })),
    agents: params.config.agents.map((agent) => ({ name: agent.name, quota: agent.dailyQuota, used: count((entry) => entry.agent === agent.name) })),
    repo: { name: params.repo, used: count((entry) => entry.repo.toLowerCase() === params.repo.toLowerCase()), cap: Math.floor(pool * params.config.budget.repoShare + 1e-9) },
  };
}

/** Why a dispatch cannot be paid for today. */
export type BudgetRefusal = "no-members" | "pool" | "repo-share" | "agent-quota" | "member-capacity";

/**
 * Picks the member who pays for one more dispatch to `agent`, or says why
 * none can: the pool, this repository's share and the agent's own quota are
 * all checked. The member with the most left pays (ties: config order), so
 * quotas drain evenly. Members in `full` (lowercased logins: as many
 * children in flight as their `concurrency` allows) do not pay now; when
 * they are the only ones with quota left, the child waits for capacity.
 */
export function payer(budget: Budget, agent: string, full?: ReadonlySet<string>): { member: string } | { refused: BudgetRefusal } {
  if (budget.members.length === 0) return { refused: "no-members" };
  if (budget.used >= budget.pool) return { refused: "pool" };
  if (budget.repo.used >= budget.repo.cap) return { refused: "repo-share" };
  const agentBudget = budget.agents.find((a) => a.name === agent);
  if (agentBudget && agentBudget.used >= agentBudget.quota) return { refused: "agent-quota" };
  const left = [...budget.members].map((member, index) => ({ member, index })).filter(({ member }) => member.used < member.quota);
  const free = left.filter(({ member }) => !full?.has(member.login.toLowerCase()));
  const best = free.sort((a, b) => b.member.quota - b.member.used - (a.member.quota - a.member.used) || a.index - b.index)[0];
  if (best) return { member: best.member.login };
  return { refused: left.length > 0 ? "member-capacity" : "pool" };
}

/** The budget after one more dispatch paid by `member` to `agent`. */
export function spend(budget: Budget, member: string, agent: string): Budget {
  return {
    ...budget,
    used: budget.used + 1,
    members: budget.members.map((m) => (m.login === member ? { ...m, used: m.used + 1 } : m)),
    agents: budget.agents.map((a) => (a.name === agent ? { ...a, used: a.used + 1 } : a)),
    repo: { ...budget.repo, used: budget.repo.used + 1 },
  };
}

/** A refusal in words. */
export function describeRefusal(refusal: BudgetRefusal, budget: Budget, agent: string): string {
  switch (refusal) {
    case "no-members":
      return "no budget: no member is listed under `budget.members` in the Factory config";
    case "pool":
      return `today's pool is used up (${budget.used} of ${budget.pool})`;
    case "repo-share":
      return `${budget.repo.name} has used its share of today's pool (${budget.repo.used} of ${budget.repo.cap})`;
    case "member-capacity":
      return "every member with quota left has as many children in flight as their `concurrency` allows";
    case "agent-quota": {
      const quota = budget.agents.find((a) => a.name === agent);
      return `${agent} has used its daily quota (${quota?.used ?? 0} of ${quota?.quota ?? 0})`;
    }
  }
}
