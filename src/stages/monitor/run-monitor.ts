import type { Logger } from "probot";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { Config } from "../../config/schema.js";
import { applyActions } from "../../github/executor/apply-actions.js";
import { readLedger } from "../dispatch/ledger.js";
import { ledgerFileAt, ledgerFile, ledgerLocation } from "../dispatch/ledger-location.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { readEpicSnapshot } from "./read-epic-snapshot.js";
import type { SnapshotCache } from "./snapshot-cache.js";
import type { LedgerRelease } from "../dispatch/ledger-entry.js";
import { releaseOf, unreleasedAttempt } from "../dispatch/unreleased-attempt.js";
import { describeMonitorPlan, type MonitorPreview } from "./describe-monitor-plan.js";
import { planMonitor, type MonitorPlan } from "./plan-monitor.js";
import { reportRefusals } from "./report-refusals.js";
import { followUpKey, type FollowUp } from "../../model/follow-up.js";
import type { FlowObserver } from "../flow-observer.js";

/** What one or more monitor passes over an epic did. */
export interface MonitorOutcome {
  epic: number;
  passes: number;
  actions: string[];
  waiting: MonitorPlan["waiting"];
  dispatched: boolean;
  /** Set by a dry run: what one pass would do, in words. Nothing was applied. */
  preview?: MonitorPreview;
}

/** Inputs of {@link runMonitor}. */
export interface RunMonitorParams {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "epics" | "monitor" | "merge" | "dispatch" | "labels" | "ledger" | "agents" | "budget">;
  epic: number;
  /** Factory's own account: only its epics, requests and the agents' pull requests count. */
  identity: FactoryIdentity;
  now: Date;
  log: Logger;
  /**
   * Takes follow-up jobs: the epic's next phase, to dispatch through Stage 3
   * (so the budget holds) when `dispatch.auto` is on. The event handler and
   * the sweep queue them; a command or the CLI runs them once the sync is done.
   */
  followUps: (job: FollowUp) => void;
  /** Most passes; each re-reads the epic, so what one pass changes the next one sees. */
  maxPasses?: number;
  /** Told what each pass applied (metrics count escalations from it). */
  observer?: FlowObserver;
  /** Keeps the snapshot of a pass that found nothing to do, for the dashboard that follows. */
  snapshots?: SnapshotCache;
  /**
   * Plan one pass and describe it (`preview`) without applying anything: no
   * actions, no check runs, no ledger or journal lines, no dispatch.
   */
  dryRun?: boolean;
}

/**
 * The monitor flow (SPEC §1.4): read the epic in one GraphQL query, plan the
 * pass, apply it; record released attempts in the ledger and finished
 * children in the journal; dispatch the next phase when it is ready and
 * automatic. Passes repeat until one has nothing left to do, so a sync
 * catches up with everything a lost webhook missed. A dry run reads and
 * plans one pass and returns it in words, writing nothing.
 */
export async function runMonitor(params: RunMonitorParams): Promise<MonitorOutcome> {
  if (params.dryRun) return previewMonitor(params);
  const { octokit, repo, config } = params;
  const outcome: MonitorOutcome = { epic: params.epic, passes: 0, actions: [], waiting: [], dispatched: false };
  for (let pass = 0; pass < (params.maxPasses ?? 3); pass++) {
    const snapshot = await readEpicSnapshot({ octokit, repo, epic: params.epic, config, identity: params.identity });
    if (!snapshot) return outcome;
    const plan = planMonitor({ snapshot, config, now: params.now });
    outcome.passes += 1;
    outcome.waiting = plan.waiting;
    const work = plan.actions.length + plan.reports.length + plan.releases.length + plan.journal.length + (plan.dispatchNext ? 1 : 0);
    if (work === 0) {
      params.snapshots?.remember(repo, params.epic, snapshot, params.now);
      break;
    }
    // This pass changes the epic: what was remembered of it no longer holds.
    params.snapshots?.forget(repo, params.epic);
    const acted = await applyActions({ octokit, repo, identity: params.identity, actions: plan.actions });
    // The check runs report after the merges were tried, so a merge GitHub refused is reported as refused.
    const reports = reportRefusals({ snapshot, reports: plan.reports, applied: acted });
    const applied = [...acted, ...(await applyActions({ octokit, repo, identity: params.identity, actions: reports }))];
    outcome.actions.push(...applied.filter((a) => a.outcome === "done").map((a) => a.action.key));
    params.observer?.monitorApplied?.(applied);
    await release({ params, plan });
    const month = params.now.toISOString().slice(0, 7);
    if (plan.journal.length > 0) {
      const file = ledgerFile(ledgerLocation({ config, owner: repo.owner }), `journal-${month}.jsonl`);
      const message = `factory: journal ${plan.journal.map((j) => j.key).join(", ")}`;
      await applyActions({ octokit, repo, identity: params.identity, actions: [{ kind: "appendRecords", key: `journal:${params.epic}`, file, records: plan.journal, message }] });
    }
    if (plan.dispatchNext && !outcome.dispatched) {
      const job: FollowUp = { kind: "dispatchNext", repo: `${repo.owner}/${repo.repo}`, epic: params.epic };
      await applyActions({ octokit, repo, identity: params.identity, followUps: params.followUps, actions: [{ kind: "enqueue", key: followUpKey(job), job }] });
      outcome.dispatched = true;
    }
    // Another pass only when this one changed what the next would read: check-run reports only report.
    const changed = applied.some((a) => a.outcome === "done" && a.action.kind !== "ensureCheckRun");
    if (!changed && plan.releases.length === 0) break;
  }
  params.log.info({ epic: params.epic, passes: outcome.passes, actions: outcome.actions }, "Monitor pass done");
  return outcome;
}

/** The dry run: one snapshot, one plan, described; nothing applied. */
async function previewMonitor(params: RunMonitorParams): Promise<MonitorOutcome> {
  const { octokit, repo, config } = params;
  const outcome: MonitorOutcome = { epic: params.epic, passes: 0, actions: [], waiting: [], dispatched: false };
  const snapshot = await readEpicSnapshot({ octokit, repo, epic: params.epic, config, identity: params.identity });
  if (!snapshot) return { ...outcome, preview: { epic: params.epic, actions: [], reports: [], releases: 0, journal: 0, dispatchNext: false, waiting: [] } };
  const plan = planMonitor({ snapshot, config, now: params.now });
  const preview = describeMonitorPlan({ plan, snapshot });
  params.log.info({ epic: params.epic, actions: plan.actions.map((a) => a.key), dispatchNext: plan.dispatchNext }, "Monitor dry run planned");
  return { ...outcome, passes: 1, waiting: plan.waiting, preview };
}

/** Writes a release line for the last dispatch attempt of each child whose pull request failed. */
async function release(args: { params: RunMonitorParams; plan: MonitorPlan }): Promise<void> {
  const { params, plan } = args;
  if (plan.releases.length === 0) return;
  const { repo } = params;
  const ledger = await readLedger({ octokit: params.octokit, config: params.config, owner: repo.owner, now: params.now });
  const released = new Set(ledger.releases.map((r) => r.key));
  const lines: LedgerRelease[] = [];
  for (const item of plan.releases) {
    const last = unreleasedAttempt({ entries: ledger.entries, released, repo: `${repo.owner}/${repo.repo}`, issue: item.child });
    if (last) lines.push(releaseOf(last, { now: params.now, reason: item.reason }));
  }
  if (lines.length === 0) return;
  const file = ledgerFileAt(ledger.location, ledger.path);
  const message = `factory: release ${lines.map((l) => l.key).join(", ")}`;
  await applyActions({ octokit: params.octokit, repo, identity: params.identity, actions: [{ kind: "appendRecords", key: `release:${params.epic}`, file, records: lines, message }] });
}
