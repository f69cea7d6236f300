import { describe, expect, it } from "vitest";
import type { DispatchTarget } from "../../../src/stages/commands/command.js";
import { planDispatch, type DispatchChild, type DispatchPlan } from "../../../src/stages/dispatch/plan-dispatch.js";
import { child, config, EPIC_BODY, epicChildren, NOW, snapshot } from "./dispatch-fixture.js";

const CONFIG = config({ budget: { members: [{ login: "mona", dailyQuota: 50 }], repoShare: 1 } });
const plan = (target: DispatchTarget, snap: ReturnType<typeof snapshot>) => planDispatch({ snapshot: snap, target, config: CONFIG, now: NOW, delivery: "d-1" });
const summary = (result: DispatchPlan) => ({ dispatched: result.dispatches.map((d) => d.child), skipped: result.skipped, refusal: result.refusal });
const dispatched: Partial<DispatchChild> = { labels: ["factory:dispatched"] };
const withChild = (number: number, overrides: Partial<DispatchChild>) => epicChildren().map((c) => (c.number === number ? { ...c, ...overrides } : c));

describe("planDispatch on an epic: which children", () => {
  it.each<[string, DispatchTarget, DispatchChild[], ReturnType<typeof summary>]>([
    ["phase 1", { kind: "phase", phase: 1 }, epicChildren(), { dispatched: [11], skipped: [], refusal: undefined }],
    ["phase 2", { kind: "phase", phase: 2 }, epicChildren(), { dispatched: [12, 13, 14], skipped: [], refusal: undefined }],
    ["phase 3", { kind: "phase", phase: 3 }, epicChildren(), { dispatched: [15], skipped: [], refusal: undefined }],
    ["a phase whose child is not visible", { kind: "phase", phase: 2 }, epicChildren().filter((c) => c.number !== 13), { dispatched: [12, 14], skipped: [{ child: 13, reason: "closed" }], refusal: undefined }],
    ["a phase that does not exist", { kind: "phase", phase: 9 }, epicChildren(), { dispatched: [], skipped: [], refusal: "epic #42 has no phase 9 (it has 1, 2, 3)" }],
    ["next, from the start", { kind: "next" }, epicChildren(), { dispatched: [11], skipped: [], refusal: undefined }],
    ["next, past a dispatched phase", { kind: "next" }, withChild(11, dispatched), { dispatched: [12, 13, 14], skipped: [], refusal: undefined }],
    ["next, past a closed phase", { kind: "next" }, withChild(11, { state: "closed" }), { dispatched: [12, 13, 14], skipped: [], refusal: undefined }],
    ["next, past a phase whose child is gone", { kind: "next" }, epicChildren().filter((c) => c.number !== 11), { dispatched: [12, 13, 14], skipped: [], refusal: undefined }],
    [
      "next, in a phase partly dispatched",
      { kind: "next" },
      withChild(11, dispatched).map((c) => (c.number === 12 ? { ...c, ...dispatched } : c)),
      { dispatched: [13, 14], skipped: [{ child: 12, reason: "already dispatched" }], refusal: undefined },
    ],
    [
      "next, when everything is dispatched",
      { kind: "next" },
      epicChildren().map((c) => ({ ...c, ...dispatched })),
      { dispatched: [], skipped: [], refusal: "every open child of epic #42 is dispatched already" },
    ],
    ["#13 #12 of the epic", { kind: "issues", issues: [13, 12] }, epicChildren(), { dispatched: [12, 13], skipped: [], refusal: undefined }],
    [
      "#12 #99 #7, two not children",
      { kind: "issues", issues: [12, 99, 7] },
      [...epicChildren(), child(99), child(7)],
      { dispatched: [12], skipped: [{ child: 99, reason: "not a child of epic #42" }, { child: 7, reason: "not a child of epic #42" }], refusal: undefined },
    ],
    [
      "#14 #13 with #13 gone",
      { kind: "issues", issues: [14, 13] },
      epicChildren().filter((c) => c.number !== 13),
      { dispatched: [14], skipped: [{ child: 13, reason: "closed or not found" }], refusal: undefined },
    ],
  ])("%s", (_name, target, children, expected) => {
    expect(summary(plan(target, snapshot({ children })))).toEqual(expected);
  });

  it("next passes over a phase whose only child is ticked, even while it is open", () => {
    const body = EPIC_BODY.replace("- [ ] #11", "- [x] #11");
    expect(summary(plan({ kind: "next" }, snapshot({ body, children: epicChildren() }))).dispatched).toEqual([12, 13, 14]);
  });

  it("targets the epic branch and records the epic", () => {
    const [first] = plan({ kind: "phase", phase: 1 }, snapshot({ children: epicChildren() })).dispatches;
    expect([first?.branch, first?.entry.epic, first?.title]).toEqual(["epic/42-security", 42, "security(api): fix 11"]);
  });
});

describe("planDispatch on an issue that is not an epic", () => {
  const refusal = "`dispatch phase N` and `dispatch next` work on an epic; on another issue, name the issues: `/factory dispatch #12 #15`";

  it.each<[string, DispatchTarget]>([
    ["phase 1", { kind: "phase", phase: 1 }],
    ["next", { kind: "next" }],
  ])("refuses %s", (_name, target) => {
    const result = plan(target, snapshot({ epic: false, children: [child(7)] }));
    expect([result.refusal, result.dispatches, result.skipped]).toEqual([refusal, [], []]);
  });

  it("dispatches #7 #8 against the default branch, without an epic", () => {
    const result = plan({ kind: "issues", issues: [8, 7, 9] }, snapshot({ epic: false, children: [child(7), child(8)] }));
    expect(summary(result)).toEqual({ dispatched: [7, 8], skipped: [{ child: 9, reason: "closed or not found" }], refusal: undefined });
    expect(result.dispatches.map((d) => d.branch)).toEqual(["main", "main"]);
    expect(result.dispatches[0]?.entry).not.toHaveProperty("epic");
  });
});

describe("planDispatch when paused", () => {
  it.each<[string, Parameters<typeof snapshot>[0], string]>([
    ["a paused repository", { children: epicChildren(), repoPaused: true }, "dispatching is paused for this repository (`/factory resume` to restart it)"],
    ["a paused epic", { children: epicChildren(), epicPaused: true }, "dispatching is paused for epic #42 (`/factory resume` there to restart it)"],
    ["a paused repository and epic", { children: epicChildren(), epicPaused: true, repoPaused: true }, "dispatching is paused for this repository (`/factory resume` to restart it)"],
    ["a paused repository, direct dispatch", { children: [child(7)], epic: false, repoPaused: true }, "dispatching is paused for this repository (`/factory resume` to restart it)"],
    [
      "an epic whose branch is missing",
      { children: epicChildren(), branchExists: false },
      "epic #42's branch `epic/42-security` does not exist, so agents would have nowhere to open their pull requests: nothing was paid for. " +
        "`/factory sync` here makes the branch (from the default branch) and links what is missing; then dispatch again",
    ],
  ])("refuses on %s and plans nothing", (_name, snap, refusal) => {
    const result = plan({ kind: "issues", issues: [12, 7] }, snapshot(snap));
    expect(summary(result)).toEqual({ dispatched: [], skipped: [], refusal });
    expect(result.budget.used).toBe(0);
  });
});
