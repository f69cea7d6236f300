import { Command, InvalidArgumentError, Option } from "commander";
import { runBudget } from "../stages/dispatch/run-budget.js";
import type { BudgetView } from "../stages/commands/command.js";
import type { CliDeps, CliIo } from "./build-program.js";
import { ENVIRONMENT_HELP } from "./cli-octokit.js";
import { runOnRepo } from "./open-repo.js";

interface BudgetOptions {
  org: string;
  repo?: string;
  plan?: boolean;
  history?: boolean;
  team?: boolean;
  forecast?: number;
  json?: boolean;
}

/** Longest forecast, as `/factory budget --forecast N` allows. */
const MAX_FORECAST_DAYS = 365;

/**
 * `factory budget --org <org> [--repo <name>] [--plan|--history|--team|--forecast N] [--json]`:
 * what `/factory budget` answers, from the organisation's ledger.
 */
export function budgetCommand(io: CliIo, deps: CliDeps): Command {
  const views = ["plan", "history", "team", "forecast"];
  const exclusive = (name: string) => views.filter((view) => view !== name);
  return new Command("budget")
    .addHelpText("after", `\n${ENVIRONMENT_HELP}`)
    .summary("Show the organisation's dispatch budget from the ledger (read-only).")
    .description(
      "Show the dispatch budget from the organisation's ledger: today per member and for the pool (default), per member and agent (--team), " +
        "the last 7 days (--history), what `dispatch next` would hand out on every open epic of --repo now (--plan), or how many days the " +
        "undispatched children of --repo's open epics take at the recent pace (--forecast). Read-only: --plan writes nothing.",
    )
    .requiredOption("--org <org>", "the organisation (the ledger is organisation-wide)")
    .option("--repo <name>", "the repository whose .github/factory.yml to read, and whose share and epics to count (default: the organisation's .github)")
    .addOption(new Option("--plan", "plan `dispatch next` on every open epic of --repo, each within what the previous leave").conflicts(exclusive("plan")))
    .addOption(new Option("--history", "the last 7 UTC days").conflicts(exclusive("history")))
    .addOption(new Option("--team", "today per member and agent").conflicts(exclusive("team")))
    .addOption(new Option("--forecast <days>", `days the open epics' undispatched children take (1 to ${MAX_FORECAST_DAYS})`).argParser(parseDays).conflicts(exclusive("forecast")))
    .option(
      "--json",
      "print JSON: { org, view, repo, day, pool, repoShare, members, agents } (pool and each member or agent: { quota, used, left }; " +
        "repoShare adds share); --team: members also have byAgent [{ agent, used }]; --history: { org, view, repo, days: [{ day, dispatched, here, pool }] }; " +
        "--forecast adds remaining, horizon, observed, pace, basis (share|capped|recent), daysNeeded (null: never); " +
        "--plan adds epics [{ epic, title, refusal?, dispatches: [{ child, agent, member }], skipped: [child numbers] }]",
    )
    .action(async (options: BudgetOptions) => {
      if (options.repo !== undefined && !/^[A-Za-z0-9_.-]+$/.test(options.repo)) throw new Error(`--repo takes a repository name in ${options.org}, not '${options.repo}'`);
      const repo = { owner: options.org, repo: options.repo ?? ".github" };
      const view: BudgetView = options.plan ? "plan" : options.history ? "history" : options.team ? "team" : options.forecast !== undefined ? "forecast" : "summary";
      await runOnRepo(
        { io, deps, repo, label: `budget of ${options.org}`, json: options.json, missingHint: options.repo === undefined ? "pass --repo <name> to read another repository's config" : undefined },
        async (session) => {
          session.progress.note(view === "plan" || view === "forecast" ? `reading the ledger and ${session.fullName}'s epics` : "reading the ledger");
          const days = options.forecast;
          const { report, text } = await runBudget({ ...session, view, ...(days !== undefined ? { days } : {}) });
          // The report names the repository (session.fullName) itself.
          return { value: { org: options.org, ...report }, text };
        },
      );
    });
}

function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > MAX_FORECAST_DAYS) throw new InvalidArgumentError(`Expected a number of days from 1 to ${MAX_FORECAST_DAYS}.`);
  return days;
}
