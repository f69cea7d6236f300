import { describe, expect, it } from "vitest";
import type { Action } from "../../../src/model/action.js";
import type { EpicMonitorSnapshot } from "../../../src/stages/monitor/monitor-snapshot.js";
import { planMonitor, type MonitorPlan } from "../../../src/stages/monitor/plan-monitor.js";
import type { PullSnapshot } from "../../../src/stages/monitor/pull-snapshot.js";
import { BRANCH, child, closed, config, EPIC, HEAD, HEAD_AT, NOW, nudge, pull, snapshot } from "./monitor-fixture.js";

const plan = (snap: EpicMonitorSnapshot, cfg = config()): MonitorPlan => planMonitor({ snapshot: snap, config: cfg, now: NOW });
/** Phase 1 done; #12 has the pull request under test; #13 is dispatched and has none yet. */
const withPull = (overrides: Partial<PullSnapshot>) => snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [pull(50, overrides)] }), child(13)] });
const failing = { checks: [{ name: "test", status: "COMPLETED", conclusion: "FAILURE" }] };

describe("planMonitor: an open pull request gets decidePull's step as an action", () => {
  it.each<[string, Partial<PullSnapshot>, Action[]]>([
    [
      "failing checks → a nudge comment on the pull request",
      failing,
      [
        {
          kind: "comment",
          key: `nudge:50:checks:${HEAD}`,
          issue: 50,
          body: "Can you fix the failing checks: `test`?",
          marker: { kind: "nudge", fields: { kind: "checks", sha: HEAD, n: "1" } },
          since: HEAD_AT,
        },
      ],
    ],
    [
      "a second conflict request is numbered 2",
      { mergeable: "CONFLICTING", nudges: [nudge("conflict", "c0ffee1")] },
      [
        {
          kind: "comment",
          key: `nudge:50:conflict:${HEAD}`,
          issue: 50,
          body: "Can you fix the merge conflict?",
          marker: { kind: "nudge", fields: { kind: "conflict", sha: HEAD, n: "2" } },
          since: HEAD_AT,
        },
      ],
    ],
    [
      "an answered reviews request → resolve the older threads",
      { nudges: [nudge("reviews", "c0ffee1")], unresolvedThreads: [{ id: "T1", createdAt: "2026-11-22T09:00:00Z" }] },
      [{ kind: "resolveThreads", key: `resolve:50:${HEAD}`, pull: 50, threads: ["T1"] }],
    ],
    ["behind → update the branch at this head", { mergeStateStatus: "BEHIND" }, [{ kind: "updateBranch", key: `update:50:${HEAD}`, pull: 50, headSha: HEAD }]],
    ["ready and CLEAN → Factory merges it with the configured method, this head only", {}, [{ kind: "enableAutoMerge", key: "automerge:50", pull: 50, nodeId: "PR_node50", method: "squash", direct: { reason: "GitHub reports it can merge now, and arms auto-merge only for one that cannot yet", headSha: HEAD } }]],
    ["ready, blocked only by protection → auto-merge with the configured method", { mergeStateStatus: "BLOCKED" }, [{ kind: "enableAutoMerge", key: "automerge:50", pull: 50, nodeId: "PR_node50", method: "squash" }]],
    [
      "two failed requests → escalation label on the pull request and a comment on the epic",
      { ...failing, nudges: [nudge("checks", "c0ffee0"), nudge("checks", "c0ffee1")] },
      [
        { kind: "addLabels", key: "escalate:50", issue: 50, labels: ["needs-intervention"] },
        {
          kind: "comment",
          key: "escalated:50",
          issue: EPIC,
          body: "⚠️ #50 (for #12) needs a person: still failing test after 2 requests. It is labelled `needs-intervention`; the rest of the epic carries on.",
          marker: { kind: "escalated", fields: { pr: "#50" } },
          since: "2026-11-21T09:00:00Z",
        },
      ],
    ],
    ["an escalated pull request → nothing", { ...failing, labels: ["needs-intervention"] }, []],
    ["an unanswered request → nothing", { ...failing, nudges: [nudge("checks")] }, []],
  ])("%s", (_name, overrides, expected) => {
    expect(plan(withPull(overrides)).actions).toEqual(expected);
  });

  it("uses merge.method for agent pull requests", () => {
    expect(plan(withPull({}), config({ merge: { method: "rebase" } })).actions).toEqual([
      { kind: "enableAutoMerge", key: "automerge:50", pull: 50, nodeId: "PR_node50", method: "rebase", direct: { reason: "GitHub reports it can merge now, and arms auto-merge only for one that cannot yet", headSha: HEAD } },
    ]);
  });

  it("records why a pull request waits", () => {
    expect(plan(withPull({ reviewDecision: "REVIEW_REQUIRED" })).waiting).toEqual([{ pull: 50, child: 12, reason: "waiting for an approving review" }]);
  });

  it("ignores an open pull request of a closed child", () => {
    const snap = snapshot({ ticked: [11, 12], children: [closed(11), closed(12, { pulls: [pull(50, failing)] }), child(13)] });
    expect([plan(snap).actions, plan(snap).waiting]).toEqual([[], []]);
  });
});

describe("planMonitor: one auto-merge per epic at a time", () => {
  const ready = (number: number, overrides: Partial<PullSnapshot> = {}) => pull(number, overrides);

  it("enables auto-merge on the first ready pull request only", () => {
    const result = plan(snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [ready(50)] }), child(13, { pulls: [ready(51)] })] }));
    expect(result.actions).toEqual([{ kind: "enableAutoMerge", key: "automerge:50", pull: 50, nodeId: "PR_node50", method: "squash", direct: { reason: "GitHub reports it can merge now, and arms auto-merge only for one that cannot yet", headSha: HEAD } }]);
    expect(result.waiting).toEqual([{ pull: 51, child: 13, reason: "another pull request of this epic is merging first" }]);
  });

  it("keeps one merge at a time where GitHub gives no review decision and Factory counts the approvals itself", () => {
    const counted = { reviewDecision: null, approvals: 1 } as const;
    const result = plan(snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [ready(50, counted)] }), child(13, { pulls: [ready(51, counted)] })] }));
    expect(result.actions.map((action) => action.key)).toEqual(["automerge:50"]);
    expect(result.waiting).toEqual([{ pull: 51, child: 13, reason: "another pull request of this epic is merging first" }]);
  });

  it("enables none while a pull request listed later already has auto-merge on", () => {
    const result = plan(snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [ready(50)] }), child(13, { pulls: [ready(51, { autoMerge: true })] })] }));
    expect(result.actions).toEqual([]);
    expect(result.waiting).toEqual([
      { pull: 50, child: 12, reason: "another pull request of this epic is merging first" },
      { pull: 51, child: 13, reason: "auto-merge is on" },
    ]);
  });

  it("leaves a behind pull request waiting its turn while another holds the merge slot", () => {
    const result = plan(snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [ready(50, { autoMerge: true })] }), child(13, { pulls: [ready(51, { mergeStateStatus: "BEHIND" })] })] }));
    expect(result.actions).toEqual([]);
    expect(result.waiting).toContainEqual({ pull: 51, child: 13, reason: "another pull request of this epic is merging first" });
  });

  it("brings only the first approved pull request up to date when several are behind", () => {
    const result = plan(snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [ready(50, { mergeStateStatus: "BEHIND" })] }), child(13, { pulls: [ready(51, { mergeStateStatus: "BEHIND" })] })] }));
    expect(result.actions).toEqual([{ kind: "updateBranch", key: `update:50:${HEAD}`, pull: 50, headSha: HEAD }]);
  });
});

describe("planMonitor: pull requests on the wrong base", () => {
  it("retargets each to the epic branch", () => {
    const snap = snapshot({
      ticked: [11],
      children: [closed(11), child(12), child(13)],
      wrongBase: [
        { pull: 52, child: 12, base: "main" },
        { pull: 53, child: 13, base: "develop" },
      ],
    });
    expect(plan(snap).actions).toEqual([
      { kind: "retargetPull", key: "retarget:52", pull: 52, base: BRANCH },
      { kind: "retargetPull", key: "retarget:53", pull: 53, base: BRANCH },
    ]);
  });
});
