import type { Config } from "../../config/schema.js";
import type { BudgetView } from "../commands/command.js";
import { budgetOf, type Budget } from "./budget.js";
import { utcDay, type LedgerEntry } from "../../model/ledger-entry.js";

/** A quota, what today's ledger has spent of it, and what is left (never below 0). */
export interface QuotaUse {
  quota: number;
  used: number;
  left: number;
}

/** A member's quota today. */
export interface BudgetMember extends QuotaUse {
  login: string;
}

/** A member's quota today, and what they paid for per agent (agents in ledger order). */
export interface TeamMember extends BudgetMember {
  byAgent: Array<{ agent: string; used: number }>;
}

/** Today's budget for one repository: what every view but `history` shows. */
export interface BudgetToday<Member extends BudgetMember = BudgetMember> {
  /** `owner/repo` whose share is counted. */
  repo: string;
  /** The UTC day. */
  day: string;
  /** The pool: the sum of the members' quotas. */
  pool: QuotaUse;
  /** This repository's share of the pool: `share` is `budget.repoShare`, `quota` the dispatches it allows today. */
  repoShare: QuotaUse & { share: number };
  members: Member[];
  agents: Array<QuotaUse & { name: string }>;
}

/** One UTC day of `--history`, newest first. */
export interface BudgetHistoryDay {
  day: string;
  /** Dispatches in every repository of the organisation. */
  dispatched: number;
  /** Dispatches in this repository. */
  here: number;
  /** The pool (today's config). */
  pool: number;
}

/** How `--forecast` got its pace. */
export type ForecastBasis =
  /** Nothing was dispatched here in the last 7 days: the daily share. */
  | "share"
  /** The last 7 days went faster than the daily share allows: the share. */
  | "capped"
  /** The last 7 days' average. */
  | "recent";

/** What `/factory dispatch next` would do on one open epic, within what the epics before it leave. */
export interface BudgetPlanEpic {
  epic: number;
  title: string;
  /** Why nothing could be planned (paused, …). */
  refusal?: string;
  /** New dispatches (repairs of earlier ones are left out: they cost nothing). */
  dispatches: Array<{ child: number; agent: string; member: string }>;
  /** Children passed over (already dispatched, waiting, not ready, out of budget …). */
  skipped: number[];
  /** Of those, the ones waiting for an agent's capacity: they go out as children in flight finish. */
  waitingForCapacity?: number[];
}

/** `/factory budget` as data, one shape per view. */
export type BudgetReport =
  | ({ view: "summary" } & BudgetToday)
  | ({ view: "team" } & BudgetToday<TeamMember>)
  | { view: "history"; repo: string; days: BudgetHistoryDay[] }
  | ({
      view: "forecast";
      /** Undispatched open children of this repository's open epics. */
      remaining: number;
      /** The days asked about (`--forecast N`, default 7). */
      horizon: number;
      /** Dispatches here a day, on average over the last 7 UTC days. */
      observed: number;
      /** The dispatches a day the forecast assumes. */
      pace: number;
      basis: ForecastBasis;
      /** Days to dispatch `remaining` at `pace`: 0 when nothing remains, null when it never can (a share of 0). */
      daysNeeded: number | null;
    } & BudgetToday)
  | ({ view: "plan"; epics: BudgetPlanEpic[] } & BudgetToday);

/** Inputs of {@link budgetReport}: the ledger and the open epics, never a guess. */
export interface BudgetReportParams {
  view: BudgetView;
  /** `--forecast N`. */
  days?: number;
  entries: readonly LedgerEntry[];
  config: Pick<Config, "budget" | "agents">;
  now: Date;
  /** `owner/repo`. */
  repo: string;
  /** Undispatched open children of this repository's open epics (for `--forecast`). */
  remaining?: number;
  /** What `--plan` would dispatch, per open epic. */
  plan?: readonly BudgetPlanEpic[];
}

/** The figures behind `/factory budget [--plan|--history|--team|--forecast N]` (SPEC §1.3), pure. */
export function budgetReport(params: BudgetReportParams): BudgetReport {
  const budget = budgetOf({ entries: params.entries, config: params.config, now: params.now, repo: params.repo });
  const today = todayOf(budget, params.config.budget.repoShare);
  const isHere = (entry: LedgerEntry) => entry.repo.toLowerCase() === params.repo.toLowerCase();
  switch (params.view) {
    case "summary":
      return { view: "summary", ...today };
    case "team": {
      const spent = params.entries.filter((e) => utcDay(e.time) === budget.day);
      const members = today.members.map((member): TeamMember => {
        const mine = spent.filter((e) => e.member.toLowerCase() === member.login.toLowerCase());
        return { ...member, byAgent: [...new Set(mine.map((e) => e.agent))].map((agent) => ({ agent, used: mine.filter((e) => e.agent === agent).length })) };
      });
      return { view: "team", ...today, members };
    }
    case "history":
      return {
        view: "history",
        repo: params.repo,
        days: lastDays(params.now, 7).map((day) => {
          const entries = params.entries.filter((e) => utcDay(e.time) === day);
          return { day, dispatched: entries.length, here: entries.filter(isHere).length, pool: budget.pool };
        }),
      };
    case "forecast": {
      const week = lastDays(params.now, 7);
      const observed = params.entries.filter((e) => week.includes(utcDay(e.time)) && isHere(e)).length / 7;
      const cap = budget.repo.cap;
      const pace = observed > 0 ? Math.min(observed, cap) : cap;
      const remaining = params.remaining ?? 0;
      return {
        view: "forecast",
        ...today,
        remaining,
        horizon: params.days ?? 7,
        observed,
        pace,
        basis: observed === 0 ? "share" : observed > cap ? "capped" : "recent",
        daysNeeded: remaining === 0 ? 0 : pace > 0 ? Math.ceil(remaining / pace) : null,
      };
    }
    case "plan":
      return { view: "plan", ...today, epics: [...(params.plan ?? [])] };
  }
}

function todayOf(budget: Budget, share: number): BudgetToday {
  const use = (quota: number, used: number): QuotaUse => ({ quota, used, left: Math.max(0, quota - used) });
  return {
    repo: budget.repo.name,
    day: budget.day,
    pool: use(budget.pool, budget.used),
    repoShare: { share, ...use(budget.repo.cap, budget.repo.used) },
    members: budget.members.map((member) => ({ login: member.login, ...use(member.quota, member.used) })),
    agents: budget.agents.map((agent) => ({ name: agent.name, ...use(agent.quota, agent.used) })),
  };
}

function lastDays(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, index) => utcDay(new Date(now.getTime() - index * 86_400_000)));
}
