import type { FailedJob } from "../../queue/job-queue.js";
import type { Config } from "../../config/schema.js";
import { factoryEpicsAmong } from "../epic/epic-trust.js";
import { findFactoryMarker } from "../../model/authorship.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { runFlow } from "../run-flow.js";
import { dashboardWritten, planDashboardIssue, type DashboardDraft } from "./plan-dashboard-issue.js";
import { readLedger } from "../dispatch/ledger.js";
import { planOpenEpics } from "../dispatch/plan-open-epics.js";
import { listIssues } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { readEpicSnapshot } from "../monitor/read-epic-snapshot.js";
import { readJournal } from "./read-journal.js";
import { DASHBOARD_SNAPSHOT_MAX_AGE_MS, stillHolds, type SnapshotCache } from "../monitor/snapshot-cache.js";
import type { DashboardEpic, DashboardPull } from "./dashboard-data.js";
import { DASHBOARD_TITLE, renderDashboard } from "./render-dashboard.js";
import { budgetOf } from "../dispatch/budget.js";
import { decidePull } from "../monitor/decide-pull.js";
import { currentPull } from "../monitor/link-pulls.js";
import { PASSED_CONCLUSIONS } from "../monitor/pull-snapshot.js";
import { readLabelValues } from "../label-values.js";

/**
 * Keeps the repository's "Factory dashboard" issue up to date (SPEC §2):
 * observe the open epics (a snapshot each: the monitor's last one while it
 * still holds, else a new read), today's ledger and the journal, and — when
 * an agent has a `concurrency` — the children `dispatch next` would leave
 * waiting for capacity; render; write only when something besides the time changed.
 * The issue is created on first use.
 */
export async function runDashboard(params: DashboardParams): Promise<{ issue: number; written: boolean }> {
  const { octokit, repo, identity } = params;
  const run = await runFlow({
    observe: () => readDashboard(params),
    plan: (draft) => ({ actions: planDashboardIssue(draft, { kind: "dashboard", title: DASHBOARD_TITLE }), reply: undefined }),
    writer: { octokit, repo, identity },
  });
  return dashboardWritten(run.snapshot, run.applied);
}

/** Inputs of {@link runDashboard}. */
export interface DashboardParams {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "agents" | "budget" | "dispatch" | "epics" | "labels" | "ledger" | "merge" | "monitor">;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
  now: Date;
  /** Recent settled snapshots (the monitor's), used while the open issues agree with them. */
  snapshots?: SnapshotCache;
  /** The repository's jobs that failed their last attempt lately, as the queue keeps them. */
  failedJobs?: readonly FailedJob[];
}

/** Observes and renders the dashboard: the open epics, the ledger, the journal, and the issue Factory opened for it. */
async function readDashboard(params: DashboardParams): Promise<DashboardDraft> {
  const { octokit, repo, config, now } = params;
  const open = await listIssues({ octokit, repo, state: "open" });
  const epics: DashboardEpic[] = [];
  const pulls: DashboardPull[] = [];
  const factoryEpics = await factoryEpicsAmong({ octokit, repo, identity: params.identity, labels: config.labels, issues: open });
  for (const issue of factoryEpics) {
    const remembered = await params.snapshots?.recent(repo, issue.number, now, DASHBOARD_SNAPSHOT_MAX_AGE_MS);
    const snapshot = remembered && stillHolds(remembered, open) ? remembered : await readEpicSnapshot({ octokit, repo, epic: issue.number, config, identity: params.identity });
    if (!snapshot) continue;
    if (snapshot !== remembered) await params.snapshots?.remember(repo, issue.number, snapshot, now);
    let inFlight = 0;
    for (const [number, child] of snapshot.children) {
      const pull = currentPull(child.pulls);
      if (!pull || pull.state !== "OPEN" || child.state !== "open") continue;
      inFlight += 1;
      const decision = decidePull({ pull, config, now });
      const failing = pull.checks.filter((c) => c.status === "COMPLETED" && !PASSED_CONCLUSIONS.has(c.conclusion ?? "")).map((c) => c.name);
      const escalated = pull.labels.some((l) => l.toLowerCase() === config.monitor.escalationLabel.toLowerCase());
      const lastNudge = pull.nudges[pull.nudges.length - 1];
      pulls.push({
        number: pull.number,
        child: number,
        childTitle: child.title,
        epic: issue.number,
        type: readLabelValues(child.labels).type ?? "quality",
        severity: readLabelValues(child.labels).severity ?? "medium",
        next: decision.kind === "wait" ? decision.reason : decision.kind,
        ci: pull.checks.length === 0 ? "none" : failing.length > 0 ? "failing" : pull.checks.some((c) => c.status !== "COMPLETED") ? "pending" : "passing",
        failing,
        cycles: pull.nudges.length,
        escalated,
        ...(escalated && lastNudge ? { escalation: `no fix after ${pull.nudges.length} request${pull.nudges.length === 1 ? "" : "s"} (last: ${lastNudge.kind})` } : {}),
        awaitingReview: decision.kind === "wait" && /review/.test(decision.reason),
      });
    }
    epics.push({
      number: issue.number,
      title: issue.title,
      branch: snapshot.epic.branch,
      phases: snapshot.epic.document.phases.map((phase) => ({
        number: phase.number,
        name: phase.name,
        total: phase.children.length,
        done: phase.children.filter((c) => snapshot.children.get(c.number)?.state !== "open").length,
      })),
      inFlight,
    });
  }
  const ledger = await readLedger({ octokit, config, owner: repo.owner, now });
  // Who waits for an agent's or a member's capacity is worth its reads only when one has a concurrency. Only the children
  // that wait for children really in flight are listed, not those waiting behind ones `dispatch next` would send first.
  const waiting = config.agents.some((agent) => agent.concurrency !== undefined) || config.budget.members.some((member) => member.concurrency !== undefined)
    ? (await planOpenEpics({ octokit, repo, config, month: ledger, open, epics: factoryEpics, now })).waiting.filter((wait) => !wait.planned)
    : [];
  const journal = await readJournal({ octokit, config, owner: repo.owner, repo: `${repo.owner}/${repo.repo}`, now });
  // Only the dashboard Factory opened is rewritten: anyone's issue carrying the marker is left alone.
  const existing = open.find((issue) => findFactoryMarker(issue, params.identity, "dashboard") !== undefined);
  const body = renderDashboard(
    { repo: `${repo.owner}/${repo.repo}`, now, epics, pulls, budget: budgetOf({ entries: ledger.entries, config, now, repo: `${repo.owner}/${repo.repo}` }), journal, failedJobs: params.failedJobs ?? [], waiting },
    existing?.body ?? "",
  );
  return { existing, body };
}
