import type { Config } from "../../config/schema.js";
import { factoryEpicsAmong } from "../epic/epic-trust.js";
import { findFactoryMarker } from "../../model/authorship.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { runFlow } from "../run-flow.js";
import { dashboardWritten, planDashboardIssue, type DashboardDraft } from "./plan-dashboard-issue.js";
import { readLedger } from "../dispatch/ledger.js";
import { ledgerLocation } from "../../model/ledger-location.js";
import { listIssues } from "../../github/list-issues.js";
import type { Octokit } from "../../github/octokit.js";
import { readJournal } from "./read-journal.js";
import { ORG_DASHBOARD_TITLE, renderOrgDashboard, type OrgRepoSummary } from "./render-org-dashboard.js";
import { budgetOf } from "../dispatch/budget.js";
import { childrenOf } from "../../model/epic-document.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";

/**
 * Keeps the organisation's dashboard issue (in the ledger repository, the
 * org's `.github` by default) up to date: per repository, the open epics
 * with the ticks of their bodies, the children in flight and what is
 * escalated — two cheap list requests per repository — plus the pool and
 * the organisation's journal. Run by the sweep, not on every event.
 */
export async function runOrgDashboard(params: OrgDashboardParams): Promise<{ issue: number; written: boolean }> {
  const location = ledgerLocation({ config: params.config, owner: params.org });
  const run = await runFlow({
    observe: () => readOrgDashboard(params),
    plan: (draft) => ({ actions: planDashboardIssue(draft, { kind: "org-dashboard", title: ORG_DASHBOARD_TITLE }), reply: undefined }),
    writer: { octokit: params.octokit, repo: location.repo, identity: params.identity },
  });
  return dashboardWritten(run.snapshot, run.applied);
}

/** Inputs of {@link runOrgDashboard}. */
export interface OrgDashboardParams {
  octokit: Octokit;
  org: string;
  repos: readonly string[];
  config: Pick<Config, "agents" | "budget" | "labels" | "ledger" | "monitor">;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
  now: Date;
}

/** Observes and renders the organisation's dashboard, in the ledger's repository. */
async function readOrgDashboard(params: OrgDashboardParams): Promise<DashboardDraft> {
  const { octokit, config, now } = params;
  const summaries: OrgRepoSummary[] = [];
  for (const name of params.repos) {
    const [owner, repo] = name.split("/") as [string, string];
    const open = await listIssues({ octokit, repo: { owner, repo }, state: "open" });
    const openNumbers = new Set(open.map((issue) => issue.number));
    const epics = (await factoryEpicsAmong({ octokit, repo: { owner, repo }, identity: params.identity, labels: config.labels, issues: open }))
      .map((issue) => {
        const children = childrenOf(parseEpicBody(issue.body));
        return { number: issue.number, title: issue.title, total: children.length, done: children.filter((c) => c.checked || !openNumbers.has(c.number)).length };
      });
    const escalated = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, state: "open", labels: config.monitor.escalationLabel, per_page: 100 });
    summaries.push({
      name,
      epics,
      escalated: escalated.map((item) => ({ number: item.number, title: item.title })),
      inFlight: open.filter((issue) => issue.labels.some((l) => l.toLowerCase() === config.labels.dispatched.toLowerCase())).length,
    });
  }
  const location = ledgerLocation({ config, owner: params.org });
  const ledger = await readLedger({ octokit, config, owner: params.org, now });
  const journal = await readJournal({ octokit, config, owner: params.org, now });
  const home = await listIssues({ octokit, repo: location.repo, state: "open" });
  const existing = home.find((issue) => findFactoryMarker(issue, params.identity, "org-dashboard") !== undefined);
  const budget = budgetOf({ entries: ledger.entries, config, now, repo: "" });
  const body = renderOrgDashboard({ org: params.org, now, repos: summaries, budget, journal, previous: existing?.body ?? "" });
  return { existing, body };
}
