import type { RequestRoute } from "../../agents/request-route.js";
import type { Config } from "../../config/schema.js";
import { childrenOf } from "../../model/epic-document.js";
import { doneComment } from "./done-comment.js";
import { journalRecord } from "./journal-record.js";
import { currentPull } from "./link-pulls.js";
import { mergeSlot } from "./merge-slot.js";
import { mergedSinceReopened } from "./merged-since-reopened.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { MonitorPlan } from "./monitor-plan.js";
import { planClosedPull } from "./plan-closed-pull.js";
import { planOpenPull } from "./plan-open-pull.js";
import { planPhaseAndEpic } from "./plan-phase-and-epic.js";
import type { PullSnapshot } from "./pull-snapshot.js";

export type { JournalRecord } from "./journal-record.js";
export type { MonitorPlan } from "./monitor-plan.js";

/**
 * Plans one pass over an epic (SPEC §1.4), pure: merged children are closed
 * and ticked, children closed or reopened by hand are ticked or unticked,
 * each open pull request gets its one next step from `decidePull` (at most
 * one auto-merge per epic at a time), pull requests on the wrong base are
 * retargeted, a completed phase hands over to the next, and a completed
 * epic opens its own pull request, which closes the epic when merged.
 */
export function planMonitor(params: {
  snapshot: EpicMonitorSnapshot;
  config: Pick<Config, "monitor" | "merge" | "dispatch" | "labels">;
  now: Date;
  /** How a request reaches the agent of a pull request (by its author); Factory's plain words from the app when absent. */
  route?: (author: string) => RequestRoute;
  /** How the resolver agent (`monitor.conflictResolver`) is asked, when there is one. */
  resolver?: RequestRoute;
}): MonitorPlan {
  const { snapshot, config } = params;
  const { epic } = snapshot;
  const plan: MonitorPlan = { actions: [], releases: [], unpicked: [], journal: [], dispatchNext: false, waiting: [], reports: [] };
  if (epic.state === "closed") {
    if (snapshot.branchExists && snapshot.epicPulls.some((pull) => pull.state === "MERGED")) {
      plan.actions.push({ kind: "deleteBranch", key: `delete:${epic.branch}`, branch: epic.branch });
    }
    return plan;
  }
  const listed = childrenOf(epic.document);
  const tick: number[] = [];
  const untick: number[] = [];
  const closedNow = new Set<number>();
  const doneNow: Array<{ child: number; pull: PullSnapshot }> = [];
  const slot = mergeSlot(snapshot, listed.map((line) => line.number), config.monitor.escalationLabel, config.merge.approvals ?? 1);
  for (const line of listed) {
    const child = snapshot.children.get(line.number);
    if (!child) continue;
    const pull = currentPull(child.pulls);
    if (child.state === "closed") {
      if (!line.checked) tick.push(child.number);
      continue;
    }
    if (pull?.state === "MERGED" && mergedSinceReopened(child, pull)) {
      closedNow.add(child.number);
      if (!line.checked) tick.push(child.number);
      plan.actions.push({ kind: "closeIssue", key: `close:${child.number}`, issue: child.number, reason: "completed" });
      doneNow.push({ child: child.number, pull });
      plan.journal.push(journalRecord({ snapshot, child, pull, outcome: "merged", escalationLabel: config.monitor.escalationLabel }));
      continue;
    }
    if (line.checked) untick.push(child.number);
    if (!pull) {
      const named = snapshot.wrongBase.some((wrong) => wrong.child === child.number) || (snapshot.strangers ?? []).some((stranger) => stranger.child === child.number);
      if (!named && child.labels.some((label) => label.toLowerCase() === config.labels.dispatched.toLowerCase())) plan.unpicked.push(child.number);
      continue;
    }
    if (pull.state === "CLOSED") {
      planClosedPull({ snapshot, child, pull, config, plan });
      continue;
    }
    planOpenPull({ snapshot, child: child.number, pull, config, plan, now: params.now, mergeBusy: slot !== undefined && slot !== pull.number, ...(params.route ? { route: params.route } : {}), ...(params.resolver ? { resolver: params.resolver } : {}) });
  }
  if (doneNow.length > 0) plan.actions.push(doneComment({ snapshot, done: doneNow, closedNow }));
  for (const wrong of snapshot.wrongBase) {
    plan.actions.push({ kind: "retargetPull", key: `retarget:${wrong.pull}`, pull: wrong.pull, base: epic.branch });
  }
  if (tick.length > 0 || untick.length > 0) {
    plan.actions.push({ kind: "setTicks", key: `ticks:${epic.number}:${tick.join(",")}:${untick.join(",")}`, epic: epic.number, tick, untick });
  }
  planPhaseAndEpic({ snapshot, config, plan, closedNow, now: params.now });
  return plan;
}
