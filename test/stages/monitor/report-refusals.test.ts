import { describe, expect, it } from "vitest";
import type { Action, AppliedAction } from "../../../src/model/action.js";
import { planMonitor } from "../../../src/stages/monitor/plan-monitor.js";
import type { PullSnapshot } from "../../../src/stages/monitor/pull-snapshot.js";
import { reportRefusals } from "../../../src/stages/monitor/report-refusals.js";
import { child, closed, config, HEAD, NOW, pull, snapshot } from "./monitor-fixture.js";

/** #12's pull request #50, green and approved by Factory's rule on a protected base GitHub still blocks: the pass arms auto-merge. */
const ready: Partial<PullSnapshot> = {
  checks: [{ name: "test", status: "COMPLETED", conclusion: "SUCCESS" }],
  approvals: 1,
  reviewDecision: null,
  mergeable: "MERGEABLE",
  mergeStateStatus: "BLOCKED",
  baseRules: { requiredChecks: [], mergeQueue: false, protected: true },
};
const snap = (overrides: Partial<PullSnapshot> = {}) => snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [pull(50, { ...ready, ...overrides })] }), child(13)] });
const refusedArm = (action: Action | undefined, reason: string): AppliedAction => ({ action: action as Action, outcome: "refused", reason });

describe("reportRefusals", () => {
  it("rewrites the planned report of a pull request whose auto-merge GitHub refused, keeping the rest of the summary", () => {
    const plan = planMonitor({ snapshot: snap(), config: config(), now: NOW });
    const arm = plan.actions.find((a) => a.kind === "enableAutoMerge");
    expect(arm).toBeDefined();
    const [report] = reportRefusals({ snapshot: snap(), reports: plan.reports, applied: [refusedArm(arm, "Pull request is in unstable status")] });
    expect(report).toMatchObject({ kind: "ensureCheckRun", key: `check:50:${HEAD}`, headSha: HEAD, title: "#12 · GitHub refused to arm auto-merge" });
    const summary = (report as Extract<Action, { kind: "ensureCheckRun" }>).summary;
    expect(summary.split("\n")).toEqual([
      "Child #12 of epic #7 (phase 2).",
      "Next: waiting: GitHub refused to arm auto-merge (Pull request is in unstable status); Factory looks again when the pull request or its checks change.",
      "Requests sent to the agent: none.",
      "Escalated: no.",
    ]);
  });

  it("adds a report the pass had not planned, on the check run already there, and drops one that would change nothing", () => {
    const plan = planMonitor({ snapshot: snap(), config: config(), now: NOW });
    const arm = plan.actions.find((a) => a.kind === "enableAutoMerge");
    const planned = plan.reports.find((r) => r.kind === "ensureCheckRun") as Extract<Action, { kind: "ensureCheckRun" }>;
    // The check run already says what the pass would: the pass planned no report.
    const unchanged = snap({ factoryCheck: { id: 900, summary: planned.summary } });
    const added = reportRefusals({ snapshot: unchanged, reports: [], applied: [refusedArm(arm, "Resource not accessible by integration")] });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ existing: 900, summary: expect.stringContaining("GitHub refused to arm auto-merge (Resource not accessible by integration)") });
    // Refused again on the next pass: the check run says so already, nothing is written.
    const told = snap({ factoryCheck: { id: 900, summary: (added[0] as typeof planned).summary } });
    expect(reportRefusals({ snapshot: told, reports: [planned], applied: [refusedArm(arm, "Resource not accessible by integration")] })).toEqual([]);
  });

  it("leaves reports alone when nothing was refused, and names a refused direct merge as such", () => {
    const plan = planMonitor({ snapshot: snap(), config: config(), now: NOW });
    expect(reportRefusals({ snapshot: snap(), reports: plan.reports, applied: [] })).toEqual(plan.reports);
    const direct: Action = { kind: "enableAutoMerge", key: "merge:50", pull: 50, nodeId: "PR_50", method: "squash", direct: { reason: "clean", headSha: HEAD } };
    const [report] = reportRefusals({ snapshot: snap(), reports: plan.reports, applied: [refusedArm(direct, "Head branch was modified. Review and try the merge again.")] });
    expect((report as Extract<Action, { kind: "ensureCheckRun" }>).summary).toContain("GitHub refused to merge it (Head branch was modified. Review and try the merge again.)");
  });
});
