import { describe, expect, it } from "vitest";
import { renderBudget, type RenderBudgetParams } from "../../../src/stages/dispatch/render-budget.js";
import { BUDGET_CONFIG, BUDGET_LEDGER, config, entry, NOW, REPO } from "./dispatch-fixture.js";

const CONFIG = BUDGET_CONFIG;
const LEDGER = BUDGET_LEDGER;
const at = (day: string) => `${day}T12:00:00.000Z`;
const HEAD = "Budget left today (UTC 2026-11-22): pool 296 of 300 · acme/api 117 of 120 · jules 97 of 100 · copilot 49 of 50";

const render = (overrides: Partial<RenderBudgetParams>) => renderBudget({ view: "summary", entries: LEDGER, config: CONFIG, now: NOW, repo: REPO, ...overrides });

describe("renderBudget", () => {
  it("summary: a row per member and the pool", () => {
    expect(render({ view: "summary" })).toBe(
      [HEAD, "", "| Member | Used today | Left |", "| --- | ---: | ---: |", "| mona | 3 | 197 of 200 |", "| hubot | 1 | 99 of 100 |", "| **pool** | 4 | 296 of 300 |"].join("\n"),
    );
  });

  it("team: quota, use and use by agent per member", () => {
    const ledger = [...LEDGER, entry(9, { member: "mona", agent: "copilot", repo: "acme/web" })];
    expect(render({ view: "team", entries: ledger }).split("\n").slice(2)).toEqual([
      "| Member | Quota | Used today | Left | By agent |",
      "| --- | ---: | ---: | ---: | --- |",
      "| mona | 200 | 4 | 196 | jules 3, copilot 1 |",
      "| hubot | 100 | 1 | 99 | copilot 1 |",
    ]);
  });

  it("team: a dash for a member who spent nothing", () => {
    expect(render({ view: "team", entries: [entry(1)] }).split("\n").slice(-1)).toEqual(["| hubot | 100 | 0 | 100 | — |"]);
  });

  it("history: the last 7 UTC days, all repositories and this one", () => {
    expect(render({ view: "history" })).toBe(
      [
        "Dispatches over the last 7 UTC days, in all repositories and in this one:",
        "",
        "| Day | Dispatched | This repository | Pool |",
        "| --- | ---: | ---: | ---: |",
        "| 2026-11-22 | 4 | 3 | 300 |",
        "| 2026-11-21 | 2 | 1 | 300 |",
        "| 2026-11-20 | 0 | 0 | 300 |",
        "| 2026-11-19 | 0 | 0 | 300 |",
        "| 2026-11-18 | 0 | 0 | 300 |",
        "| 2026-11-17 | 0 | 0 | 300 |",
        "| 2026-11-16 | 1 | 1 | 300 |",
      ].join("\n"),
    );
  });

  it("plan: the rendered plan, or a sentence when there is none", () => {
    expect(render({ view: "plan", plan: "Would dispatch 2 issues:\n- #12\n- #13" })).toBe(`${HEAD}\n\nWould dispatch 2 issues:\n- #12\n- #13`);
    expect(render({ view: "plan" })).toBe(`${HEAD}\n\nNo open epic has children ready to dispatch.`);
  });
});

describe("renderBudget --forecast", () => {
  const forecast = (overrides: Partial<RenderBudgetParams>) => render({ view: "forecast", ...overrides }).split("\n");
  const lastWeek = (count: number, repo = REPO) =>
    Array.from({ length: count }, (_, index) => entry(100 + index, { repo, time: at(`2026-11-${String(16 + (index % 7)).padStart(2, "0")}`) }));
  const SHARE = "this repository's daily share (120 a day), as nothing was dispatched in the last 7 days";

  it.each<[string, Partial<RenderBudgetParams>, string]>([
    ["no history: the daily share", { entries: [], remaining: 250 }, `250 undispatched children in open epics take about **3 days** at ${SHARE}.`],
    ["no history: one day", { entries: [], remaining: 120 }, `120 undispatched children in open epics take about **1 day** at ${SHARE}.`],
    ["no history here, only elsewhere", { entries: lastWeek(14, "acme/web"), remaining: 121 }, `121 undispatched children in open epics take about **2 days** at ${SHARE}.`],
    ["more days than asked", { entries: [], remaining: 250, days: 2 }, `250 undispatched children in open epics take about **3 days** at ${SHARE}: more than the 2 days asked about.`],
    ["history: the observed pace", { entries: lastWeek(14), remaining: 5 }, "5 undispatched children in open epics take about **3 days** at the pace of the last 7 days (2.0 a day)."],
    [
      "history: beyond the default 7 days",
      { entries: lastWeek(7), remaining: 10 },
      "10 undispatched children in open epics take about **10 days** at the pace of the last 7 days (1.0 a day): more than the 7 days asked about.",
    ],
    [
      "history older than 7 days is ignored",
      { entries: [entry(1, { time: "2026-11-15T23:59:59.000Z" }), ...lastWeek(3)], remaining: 3 },
      "3 undispatched children in open epics take about **7 days** at the pace of the last 7 days (0.4 a day).",
    ],
    ["nothing remaining", { remaining: 0 }, "Every open epic's children are dispatched already."],
    ["remaining left out", {}, "Every open epic's children are dispatched already."],
  ])("%s", (_name, overrides, verdict) => {
    expect(forecast(overrides).slice(1)).toEqual(["", verdict]);
  });

  it("says work cannot be dispatched when the share is 0", () => {
    const none = config({ budget: { members: [{ login: "mona", dailyQuota: 10 }], repoShare: 0 } });
    expect(render({ view: "forecast", config: none, entries: [], remaining: 4 })).toBe(
      "Budget left today (UTC 2026-11-22): pool 10 of 10 · acme/api 0 of 0 · jules 300 of 300 · copilot 300 of 300\n\n4 undispatched children in open epics cannot be dispatched: the daily share is 0.",
    );
  });

  it("caps the pace at the repository's share", () => {
    const small = config({ budget: { members: [{ login: "mona", dailyQuota: 5 }], repoShare: 0.4 } });
    expect(render({ view: "forecast", config: small, entries: lastWeek(35), remaining: 6 })).toContain("6 undispatched children in open epics take about **3 days** at ");
  });

  it("quotes the capped pace it computed with", () => {
    const small = config({ budget: { members: [{ login: "mona", dailyQuota: 5 }], repoShare: 0.4 } });
    expect(render({ view: "forecast", config: small, entries: lastWeek(35), remaining: 6 })).toContain(
      "about **3 days** at this repository's daily share (2 a day), below the last 7 days' pace of 5.0.",
    );
  });
});
