import { describe, expect, it } from "vitest";
import { budgetReport, type BudgetReportParams } from "../../../src/stages/dispatch/budget-report.js";
import { BUDGET_CONFIG, BUDGET_LEDGER, config, entry, NOW, REPO } from "./dispatch-fixture.js";

const CONFIG = BUDGET_CONFIG;
const LEDGER = BUDGET_LEDGER;
const at = (day: string) => `${day}T12:00:00.000Z`;

const report = (overrides: Partial<BudgetReportParams>) => budgetReport({ view: "summary", entries: LEDGER, config: CONFIG, now: NOW, repo: REPO, ...overrides });

/** Today's figures from {@link LEDGER}: every view but history carries them. */
const TODAY = {
  repo: "acme/api",
  day: "2026-11-22",
  pool: { quota: 300, used: 4, left: 296 },
  repoShare: { share: 0.4, quota: 120, used: 3, left: 117 },
  members: [
    { login: "mona", quota: 200, used: 3, left: 197 },
    { login: "hubot", quota: 100, used: 1, left: 99 },
  ],
  agents: [
    { name: "jules", quota: 100, used: 3, left: 97 },
    { name: "copilot", quota: 50, used: 1, left: 49 },
  ],
};

describe("budgetReport", () => {
  it("summary: today per member, the pool, this repository's share and each agent", () => {
    expect(report({ view: "summary" })).toEqual({ view: "summary", ...TODAY });
  });

  it("never reports less than nothing left", () => {
    const tight = config({ budget: { members: [{ login: "mona", dailyQuota: 2 }], repoShare: 1 }, agents: [{ name: "jules", dailyQuota: 1 }] });
    const result = report({ config: tight });
    expect(result).toMatchObject({ pool: { quota: 2, used: 4, left: 0 }, repoShare: { quota: 2, used: 3, left: 0 }, agents: [{ name: "jules", used: 3, left: 0 }] });
  });

  it("team: adds what each member paid for per agent, in ledger order", () => {
    const result = report({ view: "team", entries: [...LEDGER, entry(9, { member: "mona", agent: "copilot", repo: "acme/web" })] });
    expect(result.view).toBe("team");
    if (result.view !== "team") return;
    expect(result.members).toEqual([
      { login: "mona", quota: 200, used: 4, left: 196, byAgent: [{ agent: "jules", used: 3 }, { agent: "copilot", used: 1 }] },
      { login: "hubot", quota: 100, used: 1, left: 99, byAgent: [{ agent: "copilot", used: 1 }] },
    ]);
    expect(result.pool).toEqual({ quota: 300, used: 5, left: 295 });
  });

  it("history: the last 7 UTC days, newest first, everywhere and here", () => {
    expect(report({ view: "history" })).toEqual({
      view: "history",
      repo: "acme/api",
      days: [
        { day: "2026-11-22", dispatched: 4, here: 3, pool: 300 },
        { day: "2026-11-21", dispatched: 2, here: 1, pool: 300 },
        { day: "2026-11-20", dispatched: 0, here: 0, pool: 300 },
        { day: "2026-11-19", dispatched: 0, here: 0, pool: 300 },
        { day: "2026-11-18", dispatched: 0, here: 0, pool: 300 },
        { day: "2026-11-17", dispatched: 0, here: 0, pool: 300 },
        { day: "2026-11-16", dispatched: 1, here: 1, pool: 300 },
      ],
    });
  });

  it("plan: the per-epic plans it is given, with today's budget", () => {
    const epics = [{ epic: 42, title: "Security", dispatches: [{ child: 11, agent: "jules", member: "mona" }], skipped: [12] }];
    expect(report({ view: "plan", plan: epics })).toEqual({ view: "plan", ...TODAY, epics });
    expect(report({ view: "plan" })).toMatchObject({ view: "plan", epics: [] });
  });
});

describe("budgetReport --forecast", () => {
  const lastWeek = (count: number, repo = REPO) =>
    Array.from({ length: count }, (_, index) => entry(100 + index, { repo, time: at(`2026-11-${String(16 + (index % 7)).padStart(2, "0")}`) }));
  const forecast = (overrides: Partial<BudgetReportParams>) => {
    const result = report({ view: "forecast", ...overrides });
    if (result.view !== "forecast") throw new Error(`expected a forecast, got ${result.view}`);
    const { remaining, horizon, observed, pace, basis, daysNeeded } = result;
    return { remaining, horizon, observed, pace, basis, daysNeeded };
  };

  it("uses the daily share when nothing was dispatched here in the last 7 days", () => {
    expect(forecast({ entries: lastWeek(14, "acme/web"), remaining: 250, days: 2 })).toEqual({ remaining: 250, horizon: 2, observed: 0, pace: 120, basis: "share", daysNeeded: 3 });
  });

  it("uses the last 7 days' pace here, ignoring older days", () => {
    expect(forecast({ entries: [entry(1, { time: "2026-11-15T23:59:59.000Z" }), ...lastWeek(14)], remaining: 5 })).toEqual({
      remaining: 5,
      horizon: 7,
      observed: 2,
      pace: 2,
      basis: "recent",
      daysNeeded: 3,
    });
  });

  it("caps the pace at the repository's share", () => {
    const small = config({ budget: { members: [{ login: "mona", dailyQuota: 5 }], repoShare: 0.4 } });
    expect(forecast({ config: small, entries: lastWeek(35), remaining: 6 })).toEqual({ remaining: 6, horizon: 7, observed: 5, pace: 2, basis: "capped", daysNeeded: 3 });
  });

  it("needs no days when nothing remains, and never finishes on a share of 0", () => {
    expect(forecast({ entries: [] })).toMatchObject({ remaining: 0, daysNeeded: 0 });
    const none = config({ budget: { members: [{ login: "mona", dailyQuota: 10 }], repoShare: 0 } });
    expect(forecast({ config: none, entries: [], remaining: 4 })).toEqual({ remaining: 4, horizon: 7, observed: 0, pace: 0, basis: "share", daysNeeded: null });
  });
});
