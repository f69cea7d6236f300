import { describe, expect, it } from "vitest";
import { budgetOf } from "../../../src/stages/dispatch/budget.js";
import type { DispatchPlan, PlannedDispatch } from "../../../src/stages/dispatch/plan-dispatch.js";
import { budgetLine, renderDispatchAnswer, type DispatchAnswerInput } from "../../../src/stages/dispatch/render-dispatch-answer.js";
import { config, entry, NOW, REPO } from "./dispatch-fixture.js";

const CONFIG = config({
  budget: { members: [{ login: "mona", dailyQuota: 200 }, { login: "hubot", dailyQuota: 100 }], repoShare: 0.4 },
  agents: [{ name: "jules", dailyQuota: 100 }],
});
const BUDGET = budgetOf({ entries: [entry(12), entry(13), entry(14, { member: "hubot" })], config: CONFIG, now: NOW, repo: REPO });
const LINE = "Budget left today (UTC 2026-11-22): pool 297 of 300 · acme/api 117 of 120 · jules 97 of 100";
const JULES = CONFIG.agents[0]!;

const dispatch = (child: number, repair = false): PlannedDispatch => ({
  child,
  title: `fix ${child}`,
  body: "",
  agent: JULES,
  member: child % 2 ? "hubot" : "mona",
  branch: "epic/42-security",
  entry: entry(child),
  repair,
});
const plan = (overrides: Partial<DispatchPlan> = {}): DispatchPlan => ({ dispatches: [], skipped: [], budget: BUDGET, ...overrides });
const answer = (overrides: Partial<DispatchAnswerInput> = {}) => renderDispatchAnswer({ plan: plan(), failed: [], warnings: [], conflicts: 0, dryRun: false, ...overrides });

describe("budgetLine", () => {
  it("says what is left of the pool, this repository's share and each agent", () => {
    expect(budgetLine(BUDGET)).toBe(LINE);
  });

  it("never shows less than 0 left, and no agent part without agents", () => {
    expect(budgetLine({ ...BUDGET, used: 301, agents: [], repo: { name: "acme/web", used: 130, cap: 120 } })).toBe(
      "Budget left today (UTC 2026-11-22): pool 0 of 300 · acme/web 0 of 120",
    );
  });

  it("lists every agent in config order", () => {
    const two = { ...BUDGET, agents: [{ name: "jules", quota: 100, used: 100 }, { name: "copilot", quota: 50, used: 0 }] };
    expect(budgetLine(two)).toBe("Budget left today (UTC 2026-11-22): pool 297 of 300 · acme/api 117 of 120 · jules 0 of 100 · copilot 50 of 50");
  });
});

describe("renderDispatchAnswer", () => {
  it("lists what was dispatched, repaired and skipped, then the budget", () => {
    const result = answer({ plan: plan({ dispatches: [dispatch(12), dispatch(13, true)], skipped: [{ child: 14, reason: "waiting for #11 (still open)" }] }) });
    expect(result).toEqual({
      ok: true,
      text: [
        "Dispatched 2 issues:",
        "- #12 → **jules** on mona's quota, target `epic/42-security`",
        "- #13 → **jules** on hubot's quota, target `epic/42-security` (finishing a dispatch the ledger had already paid for)",
        "",
        "Skipped:",
        "- #14: waiting for #11 (still open)",
        "",
        LINE,
      ].join("\n"),
    });
  });

  it("reports the paid-but-failed children apart from the dispatched ones", () => {
    const result = answer({ plan: plan({ dispatches: [dispatch(12), dispatch(13)] }), failed: [{ child: 13, reason: "adding the label failed (HTTP 502)" }] });
    expect(result).toEqual({
      ok: false,
      text: [
        "Dispatched 1 issue:",
        "- #12 → **jules** on mona's quota, target `epic/42-security`",
        "",
        "Paid for but not handed over (the next `/factory dispatch` finishes them without paying again):",
        "- #13: adding the label failed (HTTP 502)",
        "",
        LINE,
      ].join("\n"),
    });
  });

  it("notes ledger conflicts and each distinct warning once", () => {
    const { text } = answer({ plan: plan({ dispatches: [dispatch(12)] }), conflicts: 2, warnings: ["jules ignores bots", "no token", "jules ignores bots"] });
    expect(text.split("\n").slice(2)).toEqual([
      "",
      "Another dispatch wrote the ledger at the same time; Factory re-read it and re-checked the budget (2×).",
      "",
      "⚠️ jules ignores bots",
      "",
      "⚠️ no token",
      "",
      LINE,
    ]);
  });

  it("says a refusal and the budget, and is not ok", () => {
    expect(answer({ plan: plan({ refusal: "dispatching is paused for this repository (`/factory resume` to restart it)" }) })).toEqual({
      ok: false,
      text: `Nothing was dispatched: dispatching is paused for this repository (\`/factory resume\` to restart it).\n\n${LINE}`,
    });
  });

  it.each<[string, Partial<DispatchAnswerInput>, string]>([
    ["a dry run with dispatches", { plan: plan({ dispatches: [dispatch(12)] }) }, "**Dry run:** nothing was changed.\n\nWould dispatch 1 issue:"],
    ["a dry run with nothing", {}, "**Dry run:** nothing was changed.\n\nWould dispatch nothing."],
    ["a dry run refusal", { plan: plan({ refusal: "epic #42 has no phase 9 (it has 1, 2)" }) }, "**Dry run:** nothing was changed.\n\nNothing was dispatched: epic #42 has no phase 9 (it has 1, 2)."],
  ])("marks %s", (_name, overrides, start) => {
    expect(answer({ ...overrides, dryRun: true }).text.startsWith(`${start}\n`)).toBe(true);
  });

  it.each<[string, Partial<DispatchAnswerInput>, string, boolean]>([
    ["nothing to do", {}, "Dispatched nothing.", true],
    ["only skips", { plan: plan({ skipped: [{ child: 12, reason: "closed" }] }) }, "Dispatched nothing.", false],
    ["dispatches and skips", { plan: plan({ dispatches: [dispatch(12)], skipped: [{ child: 13, reason: "closed" }] }) }, "Dispatched 1 issue:", true],
    ["every dispatch failed", { plan: plan({ dispatches: [dispatch(12)] }), failed: [{ child: 12, reason: "HTTP 500" }] }, "Dispatched nothing.", false],
  ])("is ok or not: %s", (_name, overrides, first, ok) => {
    const result = answer(overrides);
    expect([result.text.split("\n")[0], result.ok]).toEqual([first, ok]);
  });
});
