import type { Config } from "../../config/schema.js";
import { factoryEpicsAmong } from "../epic/epic-trust.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { readLedger, readLedgerDays } from "./ledger.js";
import { listIssues } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { BudgetView } from "../commands/command.js";
import type { LedgerEntry } from "../../model/ledger-entry.js";
import { budgetReport, type BudgetPlanEpic, type BudgetReport } from "./budget-report.js";
import { renderBudgetReport } from "./render-budget-report.js";
import { childrenOf } from "../../model/epic-document.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import { planOpenEpics } from "./plan-open-epics.js";

/**
 * `/factory budget` (SPEC §1.3): answers from the ledger, as a report and its
 * reply. `--plan` plans `dispatch next` on every open epic of the repository
 * in turn, each within what the previous ones would leave; nothing is written.
 */
export async function runBudget(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "agents" | "budget" | "dispatch" | "epics" | "labels" | "ledger">;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
  view: BudgetView;
  days?: number;
  now: Date;
}): Promise<{ report: BudgetReport; text: string }> {
  const { octokit, repo, config } = params;
  const fullName = `${repo.owner}/${repo.repo}`;
  // This month's ledger, except for the views that look back a week; the plan reads its releases too.
  const month = params.view === "history" || params.view === "forecast" ? undefined : await readLedger({ octokit, config, owner: repo.owner, now: params.now });
  const entries: LedgerEntry[] = month ? month.entries : await readLedgerDays({ octokit, config, owner: repo.owner, now: params.now, days: 7 });
  let remaining: number | undefined;
  let plan: BudgetPlanEpic[] | undefined;
  if (params.view === "forecast" || params.view === "plan") {
    const open = await listIssues({ octokit, repo, state: "open" });
    const byNumber = new Map(open.map((issue) => [issue.number, issue]));
    const dispatched = config.labels.dispatched.toLowerCase();
    const epics = await factoryEpicsAmong({ octokit, repo, identity: params.identity, labels: config.labels, issues: open });
    const waiting = (n: number) => {
      const issue = byNumber.get(n);
      return issue !== undefined && !issue.labels.some((l) => l.toLowerCase() === dispatched);
    };
    remaining = epics.reduce((sum, epic) => sum + childrenOf(parseEpicBody(epic.body)).filter((child) => waiting(child.number)).length, 0);
    if (params.view === "plan" && month) {
      plan = (await planOpenEpics({ octokit, repo, config, month, open, epics, now: params.now })).epics;
    }
  }
  const report = budgetReport({ view: params.view, ...(params.days ? { days: params.days } : {}), entries, config, now: params.now, repo: fullName, ...(remaining !== undefined ? { remaining } : {}), ...(plan ? { plan } : {}) });
  return { report, text: renderBudgetReport(report) };
}
