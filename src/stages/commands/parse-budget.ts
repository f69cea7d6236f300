import { asciiLower } from "./ascii-lower.js";
import type { BudgetView, Command, CommandLine } from "./command.js";
import { parseBounded } from "./parse-bounded.js";
import { quoteToken } from "./quote-token.js";
import { unexpectedArgument } from "./unexpected-argument.js";

const MAX_FORECAST_DAYS = 365;
const BUDGET_EXPECTED = "`--plan`, `--history`, `--team` or `--forecast DAYS`";
const BUDGET_VIEWS: ReadonlyMap<string, BudgetView> = new Map([
  ["--plan", "plan"],
  ["--history", "history"],
  ["--team", "team"],
  ["--forecast", "forecast"],
]);

/** The `budget` command for its arguments (one view, `--forecast` with its days), or the problem with them. */
export function parseBudget(args: string[], base: CommandLine): Command | string {
  let view: BudgetView = "summary";
  let chosen: string | undefined;
  let days: number | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const token = args[index] as string;
    const flag = asciiLower(token);
    const next = BUDGET_VIEWS.get(flag);
    if (next === undefined) return unexpectedArgument("budget", token, BUDGET_EXPECTED);
    if (chosen === flag) return `\`${flag}\` is given twice.`;
    if (chosen !== undefined) return `\`budget\` shows one view at a time; choose \`${chosen}\` or \`${flag}\`.`;
    chosen = flag;
    view = next;
    if (next !== "forecast") continue;
    const value = args[index + 1];
    if (value === undefined) return `\`--forecast\` needs a number of days from 1 to ${MAX_FORECAST_DAYS}.`;
    days = parseBounded(value, 1, MAX_FORECAST_DAYS);
    if (days === undefined) return `${quoteToken(value)} is not a number of days from 1 to ${MAX_FORECAST_DAYS}.`;
    index += 1;
  }
  return days === undefined ? { ...base, verb: "budget", view } : { ...base, verb: "budget", view, days };
}
