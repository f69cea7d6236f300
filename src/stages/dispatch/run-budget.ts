import type { Config } from "../../config/schema.js";
import { factoryEpicsAmong } from "../epic/epic-trust.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { readLedger, readLedgerDays } from "./ledger.js";
import { listIssues } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { BudgetView } from "../commands/command.js";
import type { LedgerEntry } from "../../model/ledger-entry.js";
import { budgetReport, type BudgetPlanEpic, type BudgetReport } from "./budget-report.js";
import { planDispatch, type DispatchChild } from "./plan-dispatch.js";
import { renderBudgetReport } from "./render-budget-report.js";
import { epicBranch } from "../epic/epic-branch.js";
import { childrenOf } from "../../model/epic-document.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import { toChild } from "./read-dispatch.js";
import { readInFlight } from "./read-in-flight.js";

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
      plan = [];
      let ledger = [...entries];
      const released = new Set(month.releases.map((release) => release.key));
      // Children in flight per agent with a concurrency, across the organisation: what the plans below add counts too.
      const inFlight = await readInFlight({ octokit, ledger: month, config });
      // A forecast of spending: whether each epic's branch is there is dispatch's own check, not read here.
      for (const epic of epics) {
        const document = parseEpicBody(epic.body);
        const children = new Map<number, DispatchChild>();
        for (const child of childrenOf(document)) {
          const issue = byNumber.get(child.number);
          if (issue) children.set(child.number, await toChild({ octokit, repo, issue }));
        }
        const result = planDispatch({
          snapshot: {
            repo: fullName,
            epic: { number: epic.number, branch: epicBranch({ prefix: config.epics.branchPrefix, number: epic.number, slug: document.slug }), document, paused: epic.labels.some((l) => l.toLowerCase() === config.labels.paused.toLowerCase()), branchExists: true },
            defaultBranch: "",
            repoPaused: false,
            children,
            openIssues: new Set(open.map((issue) => issue.number)),
            ledger,
            released,
            inFlight,
          },
          target: { kind: "next" },
          config,
          now: params.now,
          delivery: "plan",
        });
        const fresh = result.dispatches.filter((d) => !d.repair);
        plan.push({
          epic: epic.number,
          title: epic.title,
          ...(result.refusal ? { refusal: result.refusal } : {}),
          dispatches: fresh.map((d) => ({ child: d.child, agent: d.agent.name, member: d.member })),
          skipped: result.skipped.map((s) => s.child),
          ...capacityWaits(result.skipped),
        });
        ledger = [...ledger, ...fresh.map((d) => d.entry)];
        for (const d of fresh) inFlight.set(d.agent.name, (inFlight.get(d.agent.name) ?? 0) + 1);
      }
    }
  }
  const report = budgetReport({ view: params.view, ...(params.days ? { days: params.days } : {}), entries, config, now: params.now, repo: fullName, ...(remaining !== undefined ? { remaining } : {}), ...(plan ? { plan } : {}) });
  return { report, text: renderBudgetReport(report) };
}

/** The children a plan left waiting for an agent's capacity, when there are any (the JSON stays as it was otherwise). */
function capacityWaits(skipped: ReadonlyArray<{ child: number; reason: string }>): { waitingForCapacity?: number[] } {
  const waiting = skipped.filter((s) => s.reason.startsWith("waiting for capacity")).map((s) => s.child);
  return waiting.length > 0 ? { waitingForCapacity: waiting } : {};
}
