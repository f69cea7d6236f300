import { describe, expect, it } from "vitest";
import { planMonitor, type MonitorPlan } from "../../../src/stages/monitor/plan-monitor.js";
import { BRANCH, child, closed, config, EPIC, HEAD, merged, NOW, nudge, pull, REPO, snapshot } from "./monitor-fixture.js";
import type { EpicMonitorSnapshot } from "../../../src/stages/monitor/monitor-snapshot.js";

const plan = (snap: EpicMonitorSnapshot, cfg = config()): MonitorPlan => planMonitor({ snapshot: snap, config: cfg, now: NOW });
/** #13 has an open pull request whose checks are still running: it plans nothing. */
const BUSY_13 = child(13, { pulls: [pull(51, { checks: [{ name: "test", status: "IN_PROGRESS", conclusion: null }] })] });

describe("planMonitor: a merged pull request", () => {
  const pr = merged(50, { author: "jules-bot", nudges: [nudge("checks", "c0ffee0"), nudge("reviews", "c0ffee1"), nudge("checks", "c0ffee1")] });
  const snap = snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [pull(49, { state: "CLOSED" }), pr] }), BUSY_13] });

  it("closes the child, comments on the epic and ticks its line", () => {
    expect(plan(snap).actions).toEqual([
      { kind: "closeIssue", key: "close:12", issue: 12, reason: "completed" },
      {
        kind: "comment",
        key: "done:12",
        issue: EPIC,
        body: `#12 is done: #50 was merged into \`${BRANCH}\`. Phase 1: 1/1 · Phase 2: 1/2`,
        marker: { kind: "child-done", fields: { child: "#12", pr: "#50" } },
        since: "2026-11-22T11:00:00Z",
      },
      { kind: "setTicks", key: `ticks:${EPIC}:12:`, epic: EPIC, tick: [12], untick: [] },
    ]);
  });

  it("writes a journal record with cycles counted from the nudges", () => {
    const result = plan(snap);
    expect(result.journal).toEqual([
      {
        v: 1,
        kind: "child",
        key: `${REPO}#12:pr50`,
        repo: REPO,
        epic: EPIC,
        child: 12,
        pull: 50,
        outcome: "merged",
        implementer: "jules-bot",
        headSha: HEAD,
        openedAt: "2026-11-21T09:00:00Z",
        finishedAt: "2026-11-22T11:00:00Z",
        cycles: { checks: 2, reviews: 1, conflict: 0 },
        automations: ["nudge:checks", "nudge:reviews", "nudge:checks", "auto-merge"],
        escalated: false,
      },
    ]);
    expect([result.releases, result.dispatchNext]).toEqual([[], false]);
  });

  it("does not tick again a line already ticked", () => {
    const kinds = plan(snapshot({ ticked: [11, 12], children: [closed(11), child(12, { pulls: [pr] }), BUSY_13] })).actions.map((a) => a.kind);
    expect(kinds).toEqual(["closeIssue", "comment"]);
  });
});

describe("planMonitor: children closed or reopened by hand", () => {
  it("ticks a child closed by hand", () => {
    const result = plan(snapshot({ children: [closed(11, { stateReason: "not_planned" }), child(12), child(13)] }));
    expect(result.actions).toEqual([{ kind: "setTicks", key: `ticks:${EPIC}:11:`, epic: EPIC, tick: [11], untick: [] }]);
    expect(result.journal).toEqual([]);
  });

  it("unticks a reopened child and does not close it again, even with a merged pull request", () => {
    const reopened = child(12, { stateReason: "reopened", pulls: [merged(50)] });
    const result = plan(snapshot({ ticked: [11, 12], children: [closed(11), reopened, child(13)] }));
    expect(result.actions).toEqual([{ kind: "setTicks", key: `ticks:${EPIC}::12`, epic: EPIC, tick: [], untick: [12] }]);
    expect(result.journal).toEqual([]);
    expect(result.waiting).toEqual([{ pull: 50, child: 12, reason: "the pull request is merged" }]);
  });

  it("ticks and unticks in one action", () => {
    const result = plan(snapshot({ ticked: [12], children: [closed(11), child(12), child(13)] }));
    expect(result.actions).toEqual([{ kind: "setTicks", key: `ticks:${EPIC}:11:12`, epic: EPIC, tick: [11], untick: [12] }]);
  });

  it("closes a reopened child again once a pull request merges after the reopening", () => {
    const reopened = child(12, { stateReason: "reopened", reopenedAt: "2026-11-22T10:30:00Z", pulls: [merged(50, { mergedAt: "2026-11-22T09:00:00Z" }), merged(60)] });
    const result = plan(snapshot({ children: [closed(11), reopened, BUSY_13] }));
    expect(result.actions.filter((a) => a.kind !== "comment")).toEqual([
      { kind: "closeIssue", key: "close:12", issue: 12, reason: "completed" },
      { kind: "setTicks", key: `ticks:${EPIC}:11,12:`, epic: EPIC, tick: [11, 12], untick: [] },
    ]);
    expect(result.journal.map((j) => [j.child, j.pull, j.outcome])).toEqual([[12, 60, "merged"]]);
  });

  it("keeps a reopened child open while its latest merge is older than the reopening, or the reopening time is unknown", () => {
    for (const reopenedAt of ["2026-11-22T11:00:00Z", "2026-11-22T12:00:00Z", undefined]) {
      const reopened = child(12, { stateReason: "reopened", ...(reopenedAt ? { reopenedAt } : {}), pulls: [merged(50)] });
      const result = plan(snapshot({ ticked: [11], children: [closed(11), reopened, BUSY_13] }));
      expect(result.actions.map((a) => a.kind)).toEqual([]);
      expect(result.journal).toEqual([]);
    }
  });
});

describe("planMonitor: a pull request closed without merging", () => {
  const closedPull = pull(50, { state: "CLOSED", closedAt: "2026-11-22T11:30:00Z", nudges: [nudge("conflict", "c0ffee1")] });

  it("releases a dispatched child, removes its label, comments on the epic and journals it", () => {
    const result = plan(snapshot({ children: [child(11, { pulls: [closedPull] }), child(12), child(13)] }));
    expect(result.releases).toEqual([{ child: 11, reason: "#50 was closed without merging" }]);
    expect(result.actions).toEqual([
      { kind: "removeLabel", key: "undispatch:11:50", issue: 11, label: "factory:dispatched" },
      {
        kind: "comment",
        key: "closed:50",
        issue: EPIC,
        body: "#50 (for #11) was closed without merging. `/factory retry #11` hands #11 out again, to the next agent if this one keeps failing.",
        marker: { kind: "pr-closed", fields: { pr: "#50" } },
        since: "2026-11-22T11:30:00Z",
      },
    ]);
    expect(result.journal).toMatchObject([
      { key: `${REPO}#11:pr50`, child: 11, pull: 50, outcome: "closed-unmerged", finishedAt: "2026-11-22T11:30:00Z", cycles: { checks: 0, reviews: 0, conflict: 1 }, automations: ["nudge:conflict"] },
    ]);
  });

  it("does nothing more once the child has been released (label gone)", () => {
    const result = plan(snapshot({ children: [child(11, { labels: [], pulls: [closedPull] }), child(12), child(13)] }));
    expect([result.actions, result.releases, result.journal]).toEqual([[], [], []]);
  });

  it("closes the child when an earlier pull request was merged, ignoring the closed one", () => {
    const result = plan(snapshot({ children: [child(11, { pulls: [merged(48), closedPull] }), child(12), child(13)] }));
    expect(result.actions.filter((a) => a.kind === "closeIssue")).toEqual([{ kind: "closeIssue", key: "close:11", issue: 11, reason: "completed" }]);
    expect(result.releases).toEqual([]);
  });
});
