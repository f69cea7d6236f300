import type { Config } from "../../config/schema.js";
import type { Action } from "../action.js";
import { childrenOf } from "../epic/epic-document.js";
import { approved, decidePull } from "./decide-pull.js";
import { currentPull } from "./link-pulls.js";
import type { MonitorChild, EpicMonitorSnapshot } from "./monitor-snapshot.js";
import { nudgeText } from "./nudge-text.js";
import { renderCheckRun } from "./render-check-run.js";
import type { PullSnapshot } from "./pull-snapshot.js";

/** A finished child's journal record: structural fields only (SPEC §1.4). */
export interface JournalRecord {
  v: 1;
  kind: "child";
  key: string;
  repo: string;
  epic: number;
  child: number;
  pull: number;
  outcome: "merged" | "closed-unmerged";
  implementer: string;
  headSha: string;
  openedAt: string;
  finishedAt: string;
  cycles: { checks: number; reviews: number; conflict: number };
  automations: string[];
  /** The pull request was escalated to a person before it finished. */
  escalated?: boolean;
}

/** One monitor pass: the actions, and what the flow does beyond the executor. */
export interface MonitorPlan {
  actions: Action[];
  /** Attempts that ended without a merge: released in the ledger so a retry may go to another agent. */
  releases: Array<{ child: number; reason: string }>;
  journal: JournalRecord[];
  /** The next phase is ready and `dispatch.auto` is on: dispatch it (through Stage 3, within the budget). */
  dispatchNext: boolean;
  /** Why each open pull request is waiting, for status replies and logs. */
  waiting: Array<{ pull: number; child: number; reason: string }>;
  /** The "Factory" check run of each open pull request whose summary changed (reporting only, applied after the actions). */
  reports: Action[];
}

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
}): MonitorPlan {
  const { snapshot, config } = params;
  const { epic } = snapshot;
  const plan: MonitorPlan = { actions: [], releases: [], journal: [], dispatchNext: false, waiting: [], reports: [] };
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
      plan.journal.push(journal({ snapshot, child, pull, outcome: "merged", escalationLabel: config.monitor.escalationLabel }));
      continue;
    }
    if (line.checked) untick.push(child.number);
    if (!pull) continue;
    if (pull.state === "CLOSED") {
      if (child.labels.some((label) => label.toLowerCase() === config.labels.dispatched.toLowerCase())) {
        plan.releases.push({ child: child.number, reason: `#${pull.number} was closed without merging` });
        plan.actions.push(
          { kind: "removeLabel", key: `undispatch:${child.number}:${pull.number}`, issue: child.number, label: config.labels.dispatched },
          {
            kind: "comment",
            key: `closed:${pull.number}`,
            issue: epic.number,
            body: `#${pull.number} (for #${child.number}) was closed without merging. \`/factory retry #${child.number}\` hands #${child.number} out again, to the next agent if this one keeps failing.`,
            marker: { kind: "pr-closed", fields: { pr: `#${pull.number}` } },
            ...(pull.closedAt ? { since: pull.closedAt } : {}),
          },
        );
        plan.journal.push(journal({ snapshot, child, pull, outcome: "closed-unmerged", escalationLabel: config.monitor.escalationLabel }));
      }
      continue;
    }
    const decision = decidePull({ pull, config, now: params.now, mergeBusy: slot !== undefined && slot !== pull.number });
    const phase = epic.document.phases.find((p) => p.children.some((c) => c.number === child.number))?.number;
    const summary = renderCheckRun({ pull, child: child.number, epic: epic.number, ...(phase ? { phase } : {}), decision, escalationLabel: config.monitor.escalationLabel });
    if (pull.factoryCheck?.summary !== summary) {
      plan.reports.push({
        kind: "ensureCheckRun",
        key: `check:${pull.number}:${pull.headSha}`,
        headSha: pull.headSha,
        ...(pull.factoryCheck ? { existing: pull.factoryCheck.id } : {}),
        title: `#${child.number} · ${decision.kind === "wait" ? decision.reason : decision.kind}`.slice(0, 120),
        summary,
      });
    }
    switch (decision.kind) {
      case "wait":
        plan.waiting.push({ pull: pull.number, child: child.number, reason: decision.reason });
        break;
      case "nudge":
        plan.actions.push({
          kind: "comment",
          key: `nudge:${pull.number}:${decision.nudge}:${pull.headSha}`,
          issue: pull.number,
          body: nudgeText(decision.nudge, decision.failing),
          marker: { kind: "nudge", fields: { kind: decision.nudge, sha: pull.headSha, n: String(pull.nudges.length + 1) } },
          since: pull.headCommittedAt,
        });
        break;
      case "resolveThreads":
        plan.actions.push({ kind: "resolveThreads", key: `resolve:${pull.number}:${pull.headSha}`, pull: pull.number, threads: decision.threads });
        break;
      case "updateBranch":
        plan.actions.push({ kind: "updateBranch", key: `update:${pull.number}:${pull.headSha}`, pull: pull.number, headSha: pull.headSha });
        break;
      case "enableAutoMerge":
        plan.actions.push({
          kind: "enableAutoMerge",
          key: `automerge:${pull.number}`,
          pull: pull.number,
          nodeId: pull.nodeId,
          method: config.merge.method,
          ...(decision.direct ? { direct: { reason: decision.direct, headSha: pull.headSha } } : {}),
        });
        break;
      case "enqueue":
        plan.actions.push({ kind: "enqueuePull", key: `enqueue:${pull.number}:${pull.headSha}`, pull: pull.number, nodeId: pull.nodeId, headSha: pull.headSha });
        break;
      case "escalate":
        plan.actions.push(
          { kind: "addLabels", key: `escalate:${pull.number}`, issue: pull.number, labels: [config.monitor.escalationLabel] },
          {
            kind: "comment",
            key: `escalated:${pull.number}`,
            issue: epic.number,
            body: `⚠️ #${pull.number} (for #${child.number}) needs a person: ${decision.reason}. It is labelled \`${config.monitor.escalationLabel}\`; the rest of the epic carries on.`,
            marker: { kind: "escalated", fields: { pr: `#${pull.number}` } },
            since: pull.createdAt,
          },
        );
        break;
    }
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

function planPhaseAndEpic(args: {
  snapshot: EpicMonitorSnapshot;
  config: Pick<Config, "dispatch" | "labels" | "merge" | "monitor">;
  plan: MonitorPlan;
  closedNow: ReadonlySet<number>;
  now: Date;
}): void {
  const { snapshot, config, plan } = args;
  const { epic } = snapshot;
  const isClosed = (n: number) => args.closedNow.has(n) || snapshot.children.get(n)?.state !== "open";
  const phases = epic.document.phases;
  const next = phases.findIndex((phase) => phase.children.some((child) => !isClosed(child.number)));
  if (next === -1) {
    if (phases.length === 0) return;
    const open = snapshot.epicPulls.find((pull) => pull.state === "OPEN");
    const merged = snapshot.epicPulls.find((pull) => pull.state === "MERGED");
    if (merged) {
      plan.actions.push(
        { kind: "closeIssue", key: `close-epic:${epic.number}`, issue: epic.number, reason: "completed" },
        {
          kind: "comment",
          key: `epic-done:${epic.number}`,
          issue: epic.number,
          body: `Epic done: #${merged.number} merged \`${epic.branch}\` into \`${snapshot.defaultBranch}\`. Closing the epic and deleting its branch.`,
          marker: { kind: "epic-done", fields: { epic: `#${epic.number}` } },
          ...(merged.mergedAt ? { since: merged.mergedAt } : {}),
        },
      );
      if (snapshot.branchExists) plan.actions.push({ kind: "deleteBranch", key: `delete:${epic.branch}`, branch: epic.branch });
    } else if (open) {
      // The epic's own pull request merges under the same rule as the agents': its head's CI green, its approvals there.
      const decision = decidePull({ pull: open, config, now: args.now });
      if (decision.kind === "updateBranch") {
        plan.actions.push({ kind: "updateBranch", key: `update:${open.number}:${open.headSha}`, pull: open.number, headSha: open.headSha });
      } else if (decision.kind === "enqueue") {
        plan.actions.push({ kind: "enqueuePull", key: `enqueue:${open.number}:${open.headSha}`, pull: open.number, nodeId: open.nodeId, headSha: open.headSha });
      } else if (decision.kind !== "enableAutoMerge" && !(decision.kind === "wait" && /`merge\.auto` is off/.test(decision.reason))) {
        // Nobody is asked to fix it (no agent wrote it): the reason is shown on status and the dashboard.
        plan.waiting.push({ pull: open.number, child: epic.number, reason: decision.kind === "wait" ? decision.reason : `needs a person: ${decision.kind === "escalate" ? decision.reason : `the epic's pull request has ${decision.kind === "nudge" ? `failing checks: ${decision.failing.join(", ") || decision.nudge}` : "open review threads"}`}` });
      } else if (!open.autoMerge && config.merge.auto) {
        plan.actions.push({
          kind: "enableAutoMerge",
          key: `automerge:${open.number}`,
          pull: open.number,
          nodeId: open.nodeId,
          method: config.merge.method,
          ...(decision.kind === "enableAutoMerge" && decision.direct ? { direct: { reason: decision.direct, headSha: open.headSha } } : {}),
        });
      } else if (!open.autoMerge) {
        plan.actions.push({
          kind: "comment",
          key: `epic-pr-ready:${open.number}`,
          issue: epic.number,
          body: `Every child is merged: #${open.number} brings \`${epic.branch}\` into \`${snapshot.defaultBranch}\`. \`merge.auto\` is off, so a person merges it.`,
          marker: { kind: "epic-pr-ready", fields: { pr: `#${open.number}` } },
        });
      }
    } else if (snapshot.branchExists) {
      plan.actions.push({
        kind: "openPullRequest",
        key: `epic-pr:${epic.number}`,
        head: epic.branch,
        base: snapshot.defaultBranch,
        title: epic.title,
        body: `Closes #${epic.number}\n\nEvery child of epic #${epic.number} is merged into \`${epic.branch}\`; this brings the epic into \`${snapshot.defaultBranch}\`.`,
      });
    }
    return;
  }
  if (next === 0) return;
  const phase = phases[next];
  if (!phase) return;
  const dispatched = config.labels.dispatched.toLowerCase();
  const waiting = phase.children.filter((line) => {
    const child = snapshot.children.get(line.number);
    return child?.state === "open" && !args.closedNow.has(line.number) && !child.labels.some((label) => label.toLowerCase() === dispatched);
  });
  if (waiting.length === 0) return;
  if (config.dispatch.auto) {
    plan.dispatchNext = true;
    return;
  }
  plan.actions.push({
    kind: "comment",
    key: `phase-ready:${epic.number}:${phase.number}`,
    issue: epic.number,
    body: `Phase ${phase.number} (${phase.name}) is ready: run \`/factory dispatch next\` here to hand it to the agents.`,
    marker: { kind: "phase-ready", fields: { phase: String(phase.number) } },
  });
}

/**
 * A merged pull request finishes its child unless a person reopened the
 * child after it merged (they want more work): then only a merge after the
 * reopening does.
 */
function mergedSinceReopened(child: MonitorChild, pull: PullSnapshot): boolean {
  if (child.stateReason !== "reopened") return true;
  if (child.reopenedAt === undefined || pull.mergedAt === null) return false;
  return Date.parse(pull.mergedAt) > Date.parse(child.reopenedAt);
}

/**
 * The pull request that may be brought up to date and merged now: the one
 * with auto-merge armed, else the approved one of the most severe child
 * (lowest number first). The others wait their turn instead of rerunning CI
 * after every merge into the epic branch.
 */
function mergeSlot(snapshot: EpicMonitorSnapshot, children: readonly number[], escalationLabel: string, approvals: number): number | undefined {
  const open = children
    .map((n) => snapshot.children.get(n))
    .filter((child): child is MonitorChild => child?.state === "open")
    .map((child) => currentPull(child.pulls))
    .filter((pull): pull is PullSnapshot => pull?.state === "OPEN" && !pull.isDraft && !pull.labels.some((l) => l.toLowerCase() === escalationLabel.toLowerCase()));
  const armed = open.find((pull) => pull.autoMerge);
  if (armed) return armed.number;
  // Approved as decidePull counts it: GitHub's decision, or Factory's own count where the base has no review rule.
  return open.filter((pull) => approved(pull, approvals)).sort((a, b) => a.number - b.number)[0]?.number;
}

/** One comment on the epic for every child a pass finished (a sync after many merges says it once). */
function doneComment(args: { snapshot: EpicMonitorSnapshot; done: ReadonlyArray<{ child: number; pull: PullSnapshot }>; closedNow: ReadonlySet<number> }): Action {
  const { snapshot, done } = args;
  const [first] = done;
  const children = done.map((d) => `#${d.child}`).join(", ");
  const pulls = done.map((d) => `#${d.pull.number}`).join(", ");
  const since = done.map((d) => d.pull.mergedAt ?? "").sort()[0];
  return {
    kind: "comment",
    key: `done:${done.map((d) => d.child).join(",")}`,
    issue: snapshot.epic.number,
    body:
      done.length === 1
        ? `${children} is done: ${pulls} was merged into \`${snapshot.epic.branch}\`. ${progress(snapshot, args.closedNow)}`
        : `${children} are done: ${pulls} were merged into \`${snapshot.epic.branch}\`. ${progress(snapshot, args.closedNow)}`,
    marker: { kind: "child-done", fields: { child: `#${first?.child}`, pr: `#${first?.pull.number}`, ...(done.length > 1 ? { more: String(done.length - 1) } : {}) } },
    ...(since ? { since } : {}),
  };
}

function progress(snapshot: EpicMonitorSnapshot, closedNow: ReadonlySet<number>): string {
  // A child missing from the snapshot (deleted or transferred) no longer holds its phase back.
  const isClosed = (n: number) => closedNow.has(n) || snapshot.children.get(n)?.state !== "open";
  return snapshot.epic.document.phases
    .map((phase) => `Phase ${phase.number}: ${phase.children.filter((c) => isClosed(c.number)).length}/${phase.children.length}`)
    .join(" · ");
}

function journal(args: {
  snapshot: EpicMonitorSnapshot;
  child: MonitorChild;
  pull: PullSnapshot;
  outcome: JournalRecord["outcome"];
  escalationLabel: string;
}): JournalRecord {
  const { pull } = args;
  const cycles = { checks: 0, reviews: 0, conflict: 0 };
  for (const nudge of pull.nudges) cycles[nudge.kind] += 1;
  return {
    v: 1,
    kind: "child",
    key: `${args.snapshot.repo}#${args.child.number}:pr${pull.number}`,
    repo: args.snapshot.repo,
    epic: args.snapshot.epic.number,
    child: args.child.number,
    pull: pull.number,
    outcome: args.outcome,
    implementer: pull.author,
    headSha: pull.headSha,
    openedAt: pull.createdAt,
    finishedAt: pull.mergedAt ?? pull.closedAt ?? "",
    cycles,
    automations: [...pull.nudges.map((nudge) => `nudge:${nudge.kind}`), ...(pull.autoMerge || pull.state === "MERGED" ? ["auto-merge"] : [])],
    escalated: pull.labels.some((label) => label.toLowerCase() === args.escalationLabel.toLowerCase()),
  };
}
