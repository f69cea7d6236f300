import { describe, expect, it } from "vitest";
import type { EpicMonitorSnapshot } from "../../../src/stages/monitor/monitor-snapshot.js";
import { planMonitor, type MonitorPlan } from "../../../src/stages/monitor/plan-monitor.js";
import { BRANCH, child, closed, config, EPIC, epicPull, merged, NOW, pull, snapshot } from "./monitor-fixture.js";

const plan = (snap: EpicMonitorSnapshot, cfg = config()): MonitorPlan => planMonitor({ snapshot: snap, config: cfg, now: NOW });
const undispatched = (n: number) => child(n, { labels: [] });
const ALL_CLOSED = { ticked: [11, 12, 13], children: [closed(11), closed(12), closed(13)] };

describe("planMonitor: phases", () => {
  it("dispatches the next phase when phase 1 is done and dispatch.auto is on", () => {
    const result = plan(snapshot({ ticked: [11], children: [closed(11), undispatched(12), undispatched(13)] }));
    expect([result.dispatchNext, result.actions]).toEqual([true, []]);
  });

  it("says the phase is ready when dispatch.auto is off", () => {
    const result = plan(snapshot({ ticked: [11], children: [closed(11), undispatched(12), undispatched(13)] }), config({ dispatch: { auto: false } }));
    expect(result.dispatchNext).toBe(false);
    expect(result.actions).toEqual([
      {
        kind: "comment",
        key: `phase-ready:${EPIC}:2`,
        issue: EPIC,
        body: "Phase 2 (Implementation) is ready: run `/factory dispatch next` here to hand it to the agents.",
        marker: { kind: "phase-ready", fields: { phase: "2" } },
      },
    ]);
  });

  it("hands over in the same pass that merges phase 1's last child", () => {
    const result = plan(snapshot({ children: [child(11, { pulls: [merged(50)] }), undispatched(12), undispatched(13)] }));
    expect(result.dispatchNext).toBe(true);
    expect(result.actions.map((a) => a.key)).toEqual(["close:11", "done:11", `ticks:${EPIC}:11:`]);
  });

  it("dispatches again while part of the next phase is undispatched", () => {
    expect(plan(snapshot({ ticked: [11], children: [closed(11), child(12), undispatched(13)] })).dispatchNext).toBe(true);
  });

  it("lists the dispatched children with no pull request yet, for the pick-up check", () => {
    expect(plan(snapshot({ ticked: [11], children: [closed(11), child(12), undispatched(13)] })).unpicked).toEqual([12]);
    expect(plan(snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [pull(40)] }), undispatched(13)] })).unpicked).toEqual([]);
  });

  it("does nothing once the whole next phase is dispatched", () => {
    const result = plan(snapshot({ ticked: [11], children: [closed(11), child(12), child(13)] }), config({ dispatch: { auto: false } }));
    expect([result.dispatchNext, result.actions]).toEqual([false, []]);
  });

  it.each([true, false])("never hands over phase 1 itself (dispatch.auto %s)", (auto) => {
    const result = plan(snapshot({ children: [undispatched(11), undispatched(12), undispatched(13)] }), config({ dispatch: { auto } }));
    expect([result.dispatchNext, result.actions]).toEqual([false, []]);
  });
});

describe("planMonitor: the epic's own pull request", () => {
  it("opens one from the epic branch to the default branch when every child is closed", () => {
    expect(plan(snapshot(ALL_CLOSED)).actions).toEqual([
      {
        kind: "openPullRequest",
        key: `epic-pr:${EPIC}`,
        head: BRANCH,
        base: "main",
        title: "Security epic",
        body: `Closes #${EPIC}\n\nEvery child of epic #${EPIC} is merged into \`${BRANCH}\`; this brings the epic into \`main\`.`,
      },
    ]);
  });

  it("opens it in the pass that merges the last child", () => {
    const snap = snapshot({ ticked: [11, 12], children: [closed(11), closed(12), child(13, { pulls: [merged(51)] })] });
    expect(plan(snap).actions.map((a) => a.kind)).toEqual(["closeIssue", "comment", "setTicks", "openPullRequest"]);
  });

  it("opens none when the epic branch is gone", () => {
    expect(plan(snapshot({ ...ALL_CLOSED, branchExists: false })).actions).toEqual([]);
  });

  it("enables auto-merge on an open epic pull request", () => {
    const actions = plan(snapshot({ ...ALL_CLOSED, epicPulls: [epicPull(90)] })).actions;
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ kind: "enableAutoMerge", key: "automerge:90", pull: 90, nodeId: "PR_node90" });
  });

  it("does nothing while the epic pull request waits with auto-merge on", () => {
    expect(plan(snapshot({ ...ALL_CLOSED, epicPulls: [epicPull(90, { autoMerge: true })] })).actions).toEqual([]);
  });

  it("leaves the epic pull request to a person when merge.auto is off, and uses merge.method otherwise", () => {
    const manual = plan(snapshot({ ...ALL_CLOSED, epicPulls: [epicPull(90)] }), config({ merge: { auto: false } })).actions;
    expect(manual.map((a) => a.kind)).toEqual(["comment"]);
    expect(manual[0]).toMatchObject({ issue: EPIC, marker: { kind: "epic-pr-ready", fields: { pr: "#90" } } });
    const squash = plan(snapshot({ ...ALL_CLOSED, epicPulls: [epicPull(90)] }), config({ merge: { method: "squash" } })).actions;
    expect(squash[0]).toMatchObject({ kind: "enableAutoMerge", method: "squash" });
  });

  it("closes the epic, says so and deletes the branch once the epic pull request merged", () => {
    const epicPulls = [epicPull(88, { state: "CLOSED" }), merged(90, { base: "main", head: BRANCH, mergedAt: "2026-11-22T11:45:00Z" })];
    expect(plan(snapshot({ ...ALL_CLOSED, epicPulls })).actions).toEqual([
      { kind: "closeIssue", key: `close-epic:${EPIC}`, issue: EPIC, reason: "completed" },
      {
        kind: "comment",
        key: `epic-done:${EPIC}`,
        issue: EPIC,
        body: `Epic done: #90 merged \`${BRANCH}\` into \`main\`. Closing the epic and deleting its branch.`,
        marker: { kind: "epic-done", fields: { epic: `#${EPIC}` } },
        since: "2026-11-22T11:45:00Z",
      },
      { kind: "deleteBranch", key: `delete:${BRANCH}`, branch: BRANCH },
    ]);
  });

  it("does not delete a branch that is already gone", () => {
    const actions = plan(snapshot({ ...ALL_CLOSED, branchExists: false, epicPulls: [merged(90, { base: "main", head: BRANCH })] })).actions;
    expect(actions.map((a) => a.kind)).toEqual(["closeIssue", "comment"]);
  });
});

describe("planMonitor: a closed epic", () => {
  it("only deletes the branch left behind by the merged epic pull request, whatever its children say", () => {
    const snap = snapshot({
      epicState: "closed",
      ticked: [12],
      children: [closed(11), child(12, { pulls: [pull(50, { mergeStateStatus: "BEHIND" })] }), undispatched(13)],
      epicPulls: [merged(90, { base: "main", head: BRANCH })],
    });
    const result = plan(snap);
    expect(result).toEqual({ actions: [{ kind: "deleteBranch", key: `delete:${BRANCH}`, branch: BRANCH }], releases: [], unpicked: [], journal: [], dispatchNext: false, waiting: [], reports: [] });
  });

  it.each<[string, Partial<Parameters<typeof snapshot>[0]>]>([
    ["its branch is gone", { branchExists: false, epicPulls: [merged(90, { base: "main", head: BRANCH })] }],
    ["it was closed by hand, without a merged epic pull request", { epicPulls: [epicPull(90, { state: "CLOSED" })] }],
  ])("plans nothing when %s", (_name, overrides) => {
    expect(plan(snapshot({ ...ALL_CLOSED, epicState: "closed", ...overrides })).actions).toEqual([]);
  });
});

describe("planMonitor: a settled epic", () => {
  it("plans no action on a pass with nothing new, once Factory's check runs say where each pull request stands", () => {
    const running = pull(50, { checks: [{ name: "test", status: "QUEUED", conclusion: null }] });
    const first = plan(snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [running] }), child(13, { pulls: [pull(51, { autoMerge: true })] })] }));
    expect(first.reports.map((report) => report.kind)).toEqual(["ensureCheckRun", "ensureCheckRun"]);
    const summaryOf = (index: number) => (first.reports[index] as { summary: string }).summary;
    expect(summaryOf(0)).toBe(`Child #12 of epic #${EPIC} (phase 2).\nNext: checks are running.\nRequests sent to the agent: none.\nEscalated: no.`);
    const waitingPull = pull(50, { checks: [{ name: "test", status: "QUEUED", conclusion: null }], factoryCheck: { id: 1, summary: summaryOf(0) } });
    const snap = snapshot({
      ticked: [11],
      children: [closed(11), child(12, { pulls: [waitingPull] }), child(13, { pulls: [pull(51, { autoMerge: true, factoryCheck: { id: 2, summary: summaryOf(1) } })] })],
    });
    const result = plan(snap);
    expect(result).toEqual({
      reports: [],
      actions: [],
      releases: [],
      unpicked: [],
      journal: [],
      dispatchNext: false,
      waiting: [
        { pull: 50, child: 12, reason: "checks are running" },
        { pull: 51, child: 13, reason: "auto-merge is on" },
      ],
    });
  });
});
