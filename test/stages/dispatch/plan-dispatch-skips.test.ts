import { describe, expect, it } from "vitest";
import { planDispatch, type DispatchChild } from "../../../src/stages/dispatch/plan-dispatch.js";
import { child, config, NOW, snapshot } from "./dispatch-fixture.js";

const CONFIG = config({ budget: { members: [{ login: "mona", dailyQuota: 50 }], repoShare: 1 } });

/** Plans `/factory dispatch #7 …` on a plain issue. */
function direct(children: DispatchChild[], options: { openIssues?: number[]; config?: ReturnType<typeof config> } = {}) {
  return planDispatch({
    snapshot: snapshot({ epic: false, children, ...(options.openIssues ? { openIssues: options.openIssues } : {}) }),
    target: { kind: "issues", issues: children.map((c) => c.number) },
    config: options.config ?? CONFIG,
    now: NOW,
    delivery: "d-1",
  });
}

describe("planDispatch skips, with reasons", () => {
  it.each<[string, Partial<DispatchChild>, number[], string | undefined]>([
    ["a closed child", { state: "closed" }, [], "closed"],
    ["a child with the dispatched label", { labels: ["bug", "factory:dispatched"] }, [], "already dispatched"],
    ["a child with the dispatched label in other case", { labels: ["Factory:Dispatched"] }, [], "already dispatched"],
    ["a child waiting on an open issue", { dependsOn: [3] }, [3], "waiting for #3 (still open)"],
    ["a child waiting on two open issues", { dependsOn: [3, 5, 4] }, [3, 4], "waiting for #3, #4 (still open)"],
    ["a child whose dependency is closed", { dependsOn: [3] }, [], undefined],
    ["a feat(...) issue without approval", { type: "feature", title: "feat(ui): dark mode" }, [], "a feat(...) issue needs the `approved` label from an owner first"],
    ["a feat(...) issue with approval", { type: "feature", labels: ["Approved"] }, [], undefined],
    ["a child without acceptance criteria", { body: "Fix it." }, [], "not ready: no acceptance criteria (a list under an “Acceptance criteria” heading)"],
    [
      "a child with open questions",
      { body: "## Acceptance criteria\n\n- works\n\n## Open questions\n\n- [ ] which version?\n- [ ] which file?\n" },
      [],
      "not ready: 2 open questions under “Open questions”",
    ],
    ["a child no agent takes", { type: "performance" }, [], "no agent takes performance issues"],
    ["a closed child that is also not ready", { state: "closed", body: "" }, [], "closed"],
    ["a dispatched child with an open dependency", { labels: ["factory:dispatched"], dependsOn: [3] }, [3], "already dispatched"],
    ["an unapproved feature with an open dependency", { type: "feature", dependsOn: [3] }, [3], "waiting for #3 (still open)"],
  ])("%s", (_name, overrides, openIssues, reason) => {
    const result = direct([child(7, overrides)], { openIssues: [7, ...openIssues] });
    expect(result.skipped).toEqual(reason ? [{ child: 7, reason }] : []);
    expect(result.dispatches.map((d) => d.child)).toEqual(reason ? [] : [7]);
    expect(result.budget.used).toBe(reason ? 0 : 1);
  });

  it("uses a configured approval label", () => {
    const custom = config({ dispatch: { approvalLabel: "owner-ok" } });
    expect(direct([child(7, { type: "feature" })], { config: custom }).skipped).toEqual([{ child: 7, reason: "a feat(...) issue needs the `owner-ok` label from an owner first" }]);
    expect(direct([child(7, { type: "feature", labels: ["owner-ok"] })], { config: custom }).dispatches).toHaveLength(1);
  });

  it("uses a configured dispatched label", () => {
    const custom = config({ labels: { dispatched: "handed-over" } });
    const result = direct([child(7, { labels: ["handed-over"] }), child(8, { labels: ["factory:dispatched"] })], { config: custom });
    expect([result.skipped, result.dispatches.map((d) => d.child)]).toEqual([[{ child: 7, reason: "already dispatched" }], [8]]);
  });

  it("routes each child by its type", () => {
    const result = direct([child(7, { type: "docs" }), child(8, { type: "quality" }), child(9, { type: "testing" })]);
    expect(result.dispatches.map((d) => `#${d.child} ${d.agent.name}`)).toEqual(["#7 copilot", "#8 jules", "#9 copilot"]);
  });
});

describe("planDispatch order", () => {
  it("takes severity first, then children without open dependencies, then numbers", () => {
    const children = [
      child(20, { severity: "low" }),
      child(21, { severity: "high", dependsOn: [5] }),
      child(22, { severity: "critical" }),
      child(23, { severity: "high", dependsOn: [6] }),
      child(24, { severity: "high" }),
      child(25, { severity: "medium" }),
      child(26, { severity: "critical", dependsOn: [5] }),
    ];
    const result = direct(children, { openIssues: [5] });
    expect(result.dispatches.map((d) => d.child)).toEqual([22, 23, 24, 25, 20]);
    expect(result.skipped).toEqual([
      { child: 26, reason: "waiting for #5 (still open)" },
      { child: 21, reason: "waiting for #5 (still open)" },
    ]);
  });

  it("spends the budget on the most urgent children and skips the rest with a budget reason", () => {
    const tight = config({ budget: { members: [{ login: "mona", dailyQuota: 2 }], repoShare: 1 } });
    const children = [child(30, { severity: "low" }), child(31, { severity: "medium" }), child(32, { severity: "critical" }), child(33, { severity: "high" })];
    const result = direct(children, { config: tight });
    expect(result.dispatches.map((d) => d.child)).toEqual([32, 33]);
    expect(result.skipped).toEqual([
      { child: 31, reason: "budget: today's pool is used up (2 of 2)" },
      { child: 30, reason: "budget: today's pool is used up (2 of 2)" },
    ]);
  });
});
