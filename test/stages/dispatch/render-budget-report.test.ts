import { describe, expect, it } from "vitest";
import { budgetReport, type BudgetPlanEpic } from "../../../src/stages/dispatch/budget-report.js";
import { renderBudgetReport } from "../../../src/stages/dispatch/render-budget-report.js";
import { config, entry, NOW, REPO } from "./dispatch-fixture.js";

const CONFIG = config({ budget: { members: [{ login: "mona", dailyQuota: 10 }], repoShare: 0.5 }, agents: [{ name: "jules", dailyQuota: 8 }] });
const HEAD = "Budget left today (UTC 2026-11-22): pool 9 of 10 · acme/api 4 of 5 · jules 7 of 8";
const plan = (epics: BudgetPlanEpic[]) => renderBudgetReport(budgetReport({ view: "plan", entries: [entry(1)], config: CONFIG, now: NOW, repo: REPO, plan: epics }));

describe("renderBudgetReport --plan", () => {
  it("a line per epic: its new dispatches and skipped children, nothing, or its refusal", () => {
    expect(
      plan([
        { epic: 42, title: "a", dispatches: [{ child: 11, agent: "jules", member: "mona" }, { child: 12, agent: "copilot", member: "mona" }], skipped: [13, 14] },
        { epic: 43, title: "b", dispatches: [], skipped: [] },
        { epic: 44, title: "c", refusal: "dispatching is paused for epic #44", dispatches: [], skipped: [15] },
      ]),
    ).toBe(
      [
        HEAD,
        "",
        "If `/factory dispatch next` ran on every open epic of acme/api now (nothing is written):",
        "",
        "- #42: #11 → jules, #12 → copilot (skipping #13, #14)",
        "- #43: nothing",
        "- #44: dispatching is paused for epic #44",
      ].join("\n"),
    );
  });

  it("a sentence when there is no open epic", () => {
    expect(plan([])).toBe(`${HEAD}\n\nNo open epic has children ready to dispatch.`);
  });
});
