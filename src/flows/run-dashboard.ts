import type { Config } from "../config/schema.js";
import { applyActions } from "../github/apply-actions.js";
import { readLedger } from "../github/ledger.js";
import { readLedgerFile } from "../github/ledger-file.js";
import { ledgerLocation } from "../github/ledger-location.js";
import { listIssues } from "../github/list-issues.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import { readEpicSnapshot } from "../github/read-epic-snapshot.js";
import type { DashboardEpic, DashboardPull } from "../model/dashboard/dashboard-data.js";
import { DASHBOARD_TITLE, renderDashboard } from "../model/dashboard/render-dashboard.js";
import { budgetOf } from "../model/dispatch/budget.js";
import { isEpicIssue } from "../model/epic/is-epic-issue.js";
import { findMarker } from "../model/markers.js";
import { decidePull } from "../model/monitor/decide-pull.js";
import { currentPull } from "../model/monitor/link-pulls.js";
import type { JournalRecord } from "../model/monitor/plan-monitor.js";

/**
 * Keeps the repository's "Factory dashboard" issue up to date (SPEC §2):
 * observe the open epics (one snapshot query each), today's ledger and the
 * journal; render; write only when something besides the time changed.
 * The issue is created on first use.
 */
export async function runDashboard(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "agents" | "budget" | "epics" | "labels" | "ledger" | "merge" | "monitor">;
  now: Date;
}): Promise<{ issue: number; written: boolean }> {
  const { octokit, repo, config, now } = params;
  const open = await listIssues({ octokit, repo, state: "open" });
  const epics: DashboardEpic[] = [];
  const pulls: DashboardPull[] = [];
  for (const issue of open.filter((i) => isEpicIssue({ ...i, epicLabel: config.labels.epic }))) {
    const snapshot = await readEpicSnapshot({ octokit, repo, epic: issue.number, config });
    if (!snapshot) continue;
    let inFlight = 0;
    for (const [number, child] of snapshot.children) {
      const pull = currentPull(child.pulls);
      if (!pull || pull.state !== "OPEN" || child.state !== "open") continue;
      inFlight += 1;
      const decision = decidePull({ pull, config, now });
      const failing = pull.checks.filter((c) => c.status === "COMPLETED" && !["SUCCESS", "NEUTRAL", "SKIPPED"].includes(c.conclusion ?? "")).map((c) => c.name);
      const escalated = pull.labels.some((l) => l.toLowerCase() === config.monitor.escalationLabel.toLowerCase());
      const lastNudge = pull.nudges[pull.nudges.length - 1];
      pulls.push({
        number: pull.number,
        child: number,
        childTitle: child.title,
        epic: issue.number,
        type: child.labels.find((l) => l.startsWith("type:"))?.slice(5) ?? "quality",
        severity: child.labels.find((l) => l.startsWith("severity:"))?.slice(9) ?? "medium",
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
  const journal = await readJournal({ octokit, config, repo, now });
  const existing = open.find((issue) => findMarker(issue.body, "dashboard") !== undefined);
  const body = renderDashboard(
    { repo: `${repo.owner}/${repo.repo}`, now, epics, pulls, budget: budgetOf({ entries: ledger.entries, config, now, repo: `${repo.owner}/${repo.repo}` }), journal },
    existing?.body ?? "",
  );
  if (!existing) {
    const [created] = await applyActions({
      octokit,
      repo,
      actions: [{ kind: "createIssue", key: "dashboard", title: DASHBOARD_TITLE, body, labels: [], marker: { kind: "dashboard", fields: {} } }],
    });
    return { issue: created?.number as number, written: true };
  }
  if (withoutTime(existing.body) === withoutTime(body)) return { issue: existing.number, written: false };
  await octokit.rest.issues.update({ ...repo, issue_number: existing.number, body });
  return { issue: existing.number, written: true };
}

/** This repository's journal records of this month and the last two (enough for the weekly trend). */
async function readJournal(params: { octokit: Octokit; config: Pick<Config, "ledger">; repo: RepoRef; now: Date }): Promise<JournalRecord[]> {
  const location = ledgerLocation({ config: params.config, owner: params.repo.owner });
  const records: JournalRecord[] = [];
  const name = `${params.repo.owner}/${params.repo.repo}`.toLowerCase();
  for (const back of [2, 1, 0]) {
    const month = new Date(Date.UTC(params.now.getUTCFullYear(), params.now.getUTCMonth() - back, 15)).toISOString().slice(0, 7);
    const file = await readLedgerFile({ octokit: params.octokit, location, path: `${location.directory.replace(/\/+$/, "")}/journal-${month}.jsonl` });
    for (const line of file.text.split("\n")) {
      try {
        const record = JSON.parse(line) as JournalRecord;
        if (record.kind === "child" && record.repo.toLowerCase() === name) records.push(record);
      } catch {
        // A line a person broke is skipped.
      }
    }
  }
  return records;
}

function withoutTime(body: string): string {
  return body.replace(/Updated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/, "");
}
