import type { Config } from "../../config/schema.js";
import type { BudgetView } from "../command.js";
import { budgetOf } from "./budget.js";
import { utcDay, type LedgerEntry } from "./ledger-entry.js";
import { budgetLine } from "./render-dispatch-answer.js";

/** Inputs of {@link renderBudget}: everything comes from the ledger and the open epics, never a guess. */
export interface RenderBudgetParams {
  view: BudgetView;
  days?: number;
  entries: readonly LedgerEntry[];
  config: Pick<Config, "budget" | "agents">;
  now: Date;
  repo: string;
  /** Undispatched open children of this repository's open epics (for `--forecast`). */
  remaining?: number;
  /** What `--plan` would dispatch, already rendered. */
  plan?: string;
}

/** The reply to `/factory budget [--plan|--history|--team|--forecast N]` (SPEC §1.3). */
export function renderBudget(params: RenderBudgetParams): string {
  const budget = budgetOf({ entries: params.entries, config: params.config, now: params.now, repo: params.repo });
  const head = budgetLine(budget);
  switch (params.view) {
    case "summary":
      return [
        head,
        "",
        "| Member | Used today | Left |",
        "| --- | ---: | ---: |",
        ...budget.members.map((m) => `| ${m.login} | ${m.used} | ${Math.max(0, m.quota - m.used)} of ${m.quota} |`),
        `| **pool** | ${budget.used} | ${Math.max(0, budget.pool - budget.used)} of ${budget.pool} |`,
      ].join("\n");
    case "team": {
      const today = params.entries.filter((e) => utcDay(e.time) === budget.day);
      return [
        head,
        "",
        "| Member | Quota | Used today | Left | By agent |",
        "| --- | ---: | ---: | ---: | --- |",
        ...budget.members.map((m) => {
          const mine = today.filter((e) => e.member.toLowerCase() === m.login.toLowerCase());
          const agents = [...new Set(mine.map((e) => e.agent))].map((a) => `${a} ${mine.filter((e) => e.agent === a).length}`).join(", ") || "—";
          return `| ${m.login} | ${m.quota} | ${m.used} | ${Math.max(0, m.quota - m.used)} | ${agents} |`;
        }),
      ].join("\n");
    }
    case "history": {
      const days = lastDays(params.now, 7);
      return [
        "Dispatches over the last 7 UTC days, in all repositories and in this one:",
        "",
        "| Day | Dispatched | This repository | Pool |",
        "| --- | ---: | ---: | ---: |",
        ...days.map((day) => {
          const entries = params.entries.filter((e) => utcDay(e.time) === day);
          const here = entries.filter((e) => e.repo.toLowerCase() === params.repo.toLowerCase()).length;
          return `| ${day} | ${entries.length} | ${here} | ${budget.pool} |`;
        }),
      ].join("\n");
    }
    case "forecast": {
      const horizon = params.days ?? 7;
      const week = lastDays(params.now, 7);
      const recent = params.entries.filter((e) => week.includes(utcDay(e.time)) && e.repo.toLowerCase() === params.repo.toLowerCase()).length;
      const observed = recent / 7;
      const cap = budget.repo.cap;
      const pace = observed > 0 ? Math.min(observed, cap) : cap;
      const remaining = params.remaining ?? 0;
      const daysNeeded = pace > 0 ? Math.ceil(remaining / pace) : Number.POSITIVE_INFINITY;
      const basis =
        observed === 0
          ? `this repository's daily share (${cap} a day), as nothing was dispatched in the last 7 days`
          : observed > cap
            ? `this repository's daily share (${cap} a day), below the last 7 days' pace of ${observed.toFixed(1)}`
            : `the pace of the last 7 days (${observed.toFixed(1)} a day)`;
      const verdict =
        remaining === 0
          ? "Every open epic's children are dispatched already."
          : Number.isFinite(daysNeeded)
            ? `${remaining} undispatched children in open epics take about **${daysNeeded} day${daysNeeded === 1 ? "" : "s"}** at ${basis}${daysNeeded > horizon ? `: more than the ${horizon} days asked about` : ""}.`
            : `${remaining} undispatched children in open epics cannot be dispatched: the daily share is 0.`;
      return [head, "", verdict].join("\n");
    }
    case "plan":
      return [head, "", params.plan ?? "No open epic has children ready to dispatch."].join("\n");
  }
}

function lastDays(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, index) => utcDay(new Date(now.getTime() - index * 86_400_000)));
}
