import type { RequestRoute } from "../../agents/request-route.js";
import { planPickups } from "./plan-pickups.js";
import type { Config } from "../../config/schema.js";
import type { Action } from "../../model/action.js";
import { followUpKey, type FollowUp } from "../../model/follow-up.js";
import type { LedgerSnapshot } from "../dispatch/ledger.js";
import { ledgerFile, ledgerLocation } from "../../model/ledger-location.js";
import { releaseOf, unreleasedAttempt } from "../dispatch/unreleased-attempt.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import { planMonitor, type MonitorPlan } from "./plan-monitor.js";

/** What one monitor pass reads: the epic, and the ledger month when an attempt is to be released. */
export interface MonitorObservation {
  snapshot: EpicMonitorSnapshot;
  ledger?: LedgerSnapshot;
  /** `planMonitor` of the snapshot, when observing already made it (to know whether to read the ledger). */
  plan?: MonitorPlan;
  /** Children past `dispatch.pickupHours` whose agent has said it has them (👀 on the issue): picked up, not handed back. */
  acknowledged?: ReadonlySet<number>;
}

/**
 * One monitor pass as actions, pure: the journal records and "is done"
 * comments of finished children first, then the rest of `planMonitor`'s
 * actions (closing and ticking them among them), the release lines for
 * attempts whose pull request failed (from the ledger as read), and the next
 * phase's dispatch as a job of its own. The check-run reports stay in `plan.reports`:
 * they are written after the merges were tried.
 */
export function planMonitorPass(params: {
  seen: MonitorObservation;
  config: Pick<Config, "monitor" | "merge" | "dispatch" | "labels" | "ledger" | "agents">;
  now: Date;
  /** `owner/name`. */
  repo: string;
  /** How a request reaches the agent of a pull request (by its author); Factory's plain words from the app when absent. */
  route?: (author: string) => RequestRoute;
  /** How the resolver agent (`monitor.conflictResolver`) is asked, when there is one. */
  resolver?: RequestRoute;
}): { actions: Action[]; reply: MonitorPlan } {
  const { seen, config, now } = params;
  const plan = seen.plan ?? planMonitor({ snapshot: seen.snapshot, config, now, ...(params.route ? { route: params.route } : {}), ...(params.resolver ? { resolver: params.resolver } : {}) });
  const epic = seen.snapshot.epic.number;
  // What is said and recorded about finished children goes first, before they are closed and ticked: a pass that dies
  // after closing would otherwise leave a child its next pass sees as settled, and the record and the comment lost.
  const record = (action: Action) => action.kind === "comment" && action.marker.kind === "child-done";
  const actions = [...journalActions({ plan, config, now, epic, repo: params.repo }), ...plan.actions.filter(record), ...plan.actions.filter((a) => !record(a))];
  if (seen.ledger && plan.releases.length > 0) {
    const released = new Set(seen.ledger.releases.map((r) => r.key));
    const records = plan.releases.flatMap((item) => {
      const last = unreleasedAttempt({ entries: seen.ledger?.entries ?? [], released, repo: params.repo, issue: item.child });
      return last ? [releaseOf(last, { now, reason: item.reason })] : [];
    });
    if (records.length > 0) {
      actions.push({ kind: "appendRecords", key: `release:${epic}`, file: seen.ledger.file, records, message: `factory: release ${records.map((r) => r.key).join(", ")}` });
    }
  }
  // Agents that never opened a pull request in time: the release is written first, so a pass that dies before the labels
  // come off leaves a released attempt, never a paid one that looks abandoned.
  const pickups = seen.ledger && plan.unpicked.length > 0 ? planPickups({ plan, ledger: seen.ledger, config, repo: params.repo, epic, now, ...(seen.acknowledged ? { acknowledged: seen.acknowledged } : {}) }) : undefined;
  if (seen.ledger && pickups && pickups.releases.length > 0) {
    actions.push(
      { kind: "appendRecords", key: `unpicked:${epic}`, file: seen.ledger.file, records: pickups.releases, message: `factory: release ${pickups.releases.map((r) => r.key).join(", ")}` },
      ...pickups.actions,
    );
    if (config.dispatch.auto) plan.dispatchNext = true;
  }
  if (plan.dispatchNext) {
    const job: FollowUp = { kind: "dispatchNext", repo: params.repo, epic };
    actions.push({ kind: "enqueue", key: followUpKey(job), job });
  }
  return { actions, reply: plan };
}

/** The journal records of the pass, appended to this month's journal beside the ledger (deduplicated by kind and key). */
function journalActions(params: { plan: MonitorPlan; config: Pick<Config, "ledger">; now: Date; epic: number; repo: string }): Action[] {
  const { plan } = params;
  if (plan.journal.length === 0) return [];
  const owner = params.repo.split("/")[0] as string;
  const file = ledgerFile(ledgerLocation({ config: params.config, owner }), `journal-${params.now.toISOString().slice(0, 7)}.jsonl`);
  return [{ kind: "appendRecords", key: `journal:${params.epic}`, file, records: plan.journal, message: `factory: journal ${plan.journal.map((j) => j.key).join(", ")}` }];
}
