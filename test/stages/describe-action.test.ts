import { describe, expect, it } from "vitest";
import { refText, type Action } from "../../src/model/action.js";
import { describeAction, describeActions } from "../../src/stages/describe-action.js";
import { describeMonitorPlan, monitorContext } from "../../src/stages/monitor/describe-monitor-plan.js";
import type { EpicMonitorSnapshot } from "../../src/stages/monitor/monitor-snapshot.js";
import { planMonitor } from "../../src/stages/monitor/plan-monitor.js";
import { BRANCH, child, closed, config, EPIC, epicPull, merged, NOW, nudge, pull, snapshot } from "./monitor/monitor-fixture.js";

/** What a pass over `snap` would do, in words. */
const words = (snap: EpicMonitorSnapshot, cfg = config()) => describeMonitorPlan({ snapshot: snap, plan: planMonitor({ snapshot: snap, config: cfg, now: NOW }) });

describe("describeMonitorPlan: merges no webhook reported", () => {
  it("names each close with its merged pull request, the epic comment, the ticks and the epic's pull request", () => {
    const snap = snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [merged(50)] }), child(13, { pulls: [merged(51)] })] });
    expect(words(snap)).toEqual({
      epic: EPIC,
      actions: [
        "close #12 (its pull request #50 merged)",
        "close #13 (its pull request #51 merged)",
        "comment on the epic that #12 and 1 more child are done, with its progress",
        "tick #12 and #13 in the epic",
        `open the epic's pull request, \`${BRANCH}\` into \`main\``,
      ],
      reports: [],
      releases: 0,
      journal: 2,
      dispatchNext: false,
      waiting: [],
    });
  });

  it("ticks children closed by hand, unticks reopened ones, and says when the next phase would be dispatched", () => {
    const result = words(snapshot({ children: [closed(11), child(12, { labels: [], stateReason: "reopened" }), child(13, { labels: [] })], ticked: [12] }));
    expect(result.actions).toEqual(["tick #11 in the epic; untick #12 in the epic (open again)"]);
    expect(result.dispatchNext).toBe(true);
  });

  it("says a phase is ready when dispatch.auto is off", () => {
    const result = words(snapshot({ ticked: [11], children: [closed(11), child(12, { labels: [] }), child(13, { labels: [] })] }), config({ dispatch: { auto: false } }));
    expect(result.actions).toEqual(["comment on the epic that phase 2 is ready for `/factory dispatch next`"]);
    expect(result.dispatchNext).toBe(false);
  });
});

describe("describeMonitorPlan: open pull requests", () => {
  it("asks the agent to fix failing checks, arms auto-merge, and reports the check runs it would write", () => {
    const failing = pull(51, { headSha: "bad5eed", checks: [{ name: "test", status: "COMPLETED", conclusion: "FAILURE" }] });
    const result = words(snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [pull(50)] }), child(13, { pulls: [failing] })] }));
    expect(result.actions).toEqual(["merge #50 (squash): GitHub reports it can merge now, and arms auto-merge only for one that cannot yet", "ask the agent on #51 to fix the failing checks"]);
    expect(result.reports).toEqual(['add the "Factory" check run on #50', 'add the "Factory" check run on #51']);
  });

  it("escalates a pull request whose requests went unanswered", () => {
    const stuck = pull(51, { checks: [{ name: "test", status: "COMPLETED", conclusion: "FAILURE" }], nudges: [nudge("checks", "c0ffee2", "2026-11-21T11:00:00Z")] });
    const result = words(snapshot({ ticked: [11], children: [closed(11), child(12), child(13, { pulls: [stuck] })] }));
    expect(result.actions).toEqual(["label #51 `needs-intervention`", "comment on the epic that #51 needs a person"]);
  });

  it("releases the attempt of a pull request closed without merging", () => {
    const result = words(snapshot({ ticked: [11], children: [closed(11), child(12, { pulls: [pull(49, { state: "CLOSED", closedAt: "2026-11-22T11:00:00Z" })] }), child(13)] }));
    expect(result.actions).toEqual(["take `factory:dispatched` off #12", "comment on the epic that #49 was closed without merging, and how to retry"]);
    expect([result.releases, result.journal]).toEqual([1, 1]);
  });

  it("retargets a pull request opened on the wrong base", () => {
    const result = words(snapshot({ ticked: [11], children: [closed(11), child(12), child(13)], wrongBase: [{ pull: 52, child: 12, base: "main" }] }));
    expect(result.actions).toEqual([`retarget #52 from \`main\` to \`${BRANCH}\``]);
  });
});

describe("describeMonitorPlan: the epic's own pull request", () => {
  const done = { ticked: [11, 12, 13], children: [closed(11), closed(12), closed(13)] };

  it("arms auto-merge on it once it is open", () => {
    expect(words(snapshot({ ...done, epicPulls: [epicPull(60)] })).actions).toEqual(["merge the epic's pull request #60 (squash): GitHub reports it can merge now, and arms auto-merge only for one that cannot yet"]);
  });

  it("closes the epic and deletes its branch once it merged", () => {
    expect(words(snapshot({ ...done, epicPulls: [epicPull(60, { state: "MERGED", mergedAt: "2026-11-22T11:00:00Z" })] })).actions).toEqual([
      "close the epic (its pull request #60 merged)",
      "comment on the epic that it is done",
      `delete the epic's branch \`${BRANCH}\``,
    ]);
  });
});

describe("describeMonitorAction", () => {
  const snap = snapshot({ children: [child(11, { pulls: [pull(50)] }), child(12), child(13)] });
  it.each<[Action, string]>([
    [{ kind: "updateBranch", key: "u", pull: 50, headSha: "c0ffee2" }, `bring #50 up to date with \`${BRANCH}\``],
    [{ kind: "updateBranch", key: "u", pull: 99, headSha: "c0ffee2" }, "bring #99 up to date with its base branch"],
    [{ kind: "resolveThreads", key: "r", pull: 50, threads: ["T1", "T2"] }, "resolve the 2 review threads on #50 that its new commit answered"],
    [{ kind: "resolveThreads", key: "r", pull: 50, threads: ["T1"] }, "resolve the 1 review thread on #50 that its new commit answered"],
    [{ kind: "ensureCheckRun", key: "c", headSha: "c0ffee2", existing: 3, title: "t", summary: "s" }, 'update the "Factory" check run on #50'],
    [{ kind: "ensureCheckRun", key: "c", headSha: "0123456789", title: "t", summary: "s" }, 'add the "Factory" check run on commit 0123456'],
    [{ kind: "closeIssue", key: "x", issue: 12, reason: "not_planned" }, "close #12 as not planned"],
    [{ kind: "setTicks", key: "t", epic: EPIC, tick: [11, 12, 13], untick: [] }, "tick #11, #12 and #13 in the epic"],
    [{ kind: "comment", key: "n", issue: 50, body: "b", marker: { kind: "nudge", fields: { kind: "reviews", sha: "c0ffee2", n: "1" } } }, "ask the agent on #50 to fix the code reviews"],
    [{ kind: "comment", key: "n", issue: 50, body: "b", marker: { kind: "nudge", fields: { kind: "conflict", sha: "c0ffee2", n: "1" } } }, "ask the agent on #50 to fix the merge conflict"],
    [{ kind: "comment", key: "d", issue: EPIC, body: "b", marker: { kind: "child-done", fields: { child: "#12", pr: "#50" } } }, "comment on the epic that #12 is done, with its progress"],
    [{ kind: "comment", key: "d", issue: EPIC, body: "b", marker: { kind: "child-done", fields: { child: "#11", pr: "#50", more: "2" } } }, "comment on the epic that #11 and 2 more children are done, with its progress"],
    [{ kind: "comment", key: "p", issue: EPIC, body: "b", marker: { kind: "epic-pr-ready", fields: { pr: "#60" } } }, "comment on the epic that #60 is ready for a person to merge (`merge.auto` is off)"],
    [{ kind: "comment", key: "o", issue: 12, body: "b", marker: { kind: "reply", fields: { comment: "1" } } }, "comment on #12"],
    [{ kind: "deleteBranch", key: "b", branch: "old" }, "delete the branch `old`"],
    [{ kind: "openPullRequest", key: "o", head: "fix", base: "main", title: "t", body: "b" }, "open a pull request, `fix` into `main`"],
    [{ kind: "addLabels", key: "l", issue: 12, labels: ["a", "b`c"] }, "label #12 `a`, `` b`c ``"],
    [{ kind: "addReaction", key: "r", commentId: 5, content: "rocket" }, "react rocket to comment 5"],
    [{ kind: "ensureLabel", key: "l", name: "epic", color: "000000", description: "" }, "create the label `epic` if it is missing"],
    [{ kind: "createIssue", key: "i", title: "@mona fixes #1", body: "", labels: [], marker: { kind: "finding", fields: {} } }, "create the issue `@mona fixes #1`"],
    [{ kind: "createBranch", key: "b", branch: "epic/9-x", sha: "abc" }, "create the branch `epic/9-x` at abc"],
    [{ kind: "addSubIssue", key: "s", parent: EPIC, childId: 1, child: 12 }, "link #12 as a sub-issue of the epic"],
    [{ kind: "appendEpicPhases", key: "p", epic: EPIC, phases: [] }, "add 0 phases to the epic"],
  ])("%j → %s", (action, expected) => {
    expect(describeAction(action, monitorContext(snap))).toBe(expected);
  });
});

describe("describeActions: a plan that creates the issues it then uses", () => {
  it("names a new issue by its title wherever a later action points at it, and a member's writes by who they are", () => {
    const actions: Action[] = [
      { kind: "createIssue", key: "epic", ref: "epic:b-1", title: "epic(security): 2 security issues", body: "", labels: ["epic"], marker: { kind: "epic", fields: {} } },
      { kind: "createBranch", key: "branch", branch: `epic/${refText("epic:b-1")}-security`, sha: "0123456789" },
      { kind: "addSubIssue", key: "sub", parent: { ref: "epic:b-1" }, childId: 7, child: 12 },
      { kind: "comment", key: "ready", issue: { ref: "epic:b-1" }, body: "ready", marker: { kind: "epic-ready", fields: {} } },
      { kind: "addLabels", key: "trigger", issue: 12, labels: ["jules"], as: { tokenEnv: "MONA_TOKEN", login: "mona" } },
      { kind: "assignAgent", key: "assign", issue: 13, login: "copilot", as: { tokenEnv: "HUBOT_TOKEN" } },
    ];
    expect(describeActions(actions)).toEqual([
      "create the issue `epic(security): 2 security issues` labelled `epic`",
      "create the branch `epic/<number>-security` at 0123456",
      "link #12 as a sub-issue of the new issue `epic(security): 2 security issues`",
      "comment on the new issue `epic(security): 2 security issues` that it is ready for `/factory dispatch next`",
      "label #12 `jules` (as @mona)",
      "assign `copilot` to #13 (as the owner of `HUBOT_TOKEN`)",
    ]);
  });
});
