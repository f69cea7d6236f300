import { describe, expect, it } from "vitest";
import { budgetOf, describeRefusal, payer, spend, type Budget, type BudgetRefusal } from "../../../src/stages/dispatch/budget.js";
import { config, entry, NOW, REPO } from "./dispatch-fixture.js";

const TEAM = config({
  budget: { members: [{ login: "mona", dailyQuota: 200 }, { login: "hubot", dailyQuota: 100 }], repoShare: 0.4 },
  agents: [{ name: "jules", dailyQuota: 100 }, { name: "copilot", dailyQuota: 50 }],
});

describe("budgetOf", () => {
  const ledger = [
    entry(1),
    entry(2, { member: "MONA", agent: "copilot", repo: "Acme/API" }),
    entry(3, { member: "hubot", repo: "acme/web" }),
    entry(4, { time: "2026-11-22T00:00:00.000Z", member: "Hubot" }),
    entry(5, { time: "2026-11-21T23:59:59.000Z" }),
    entry(6, { time: "2026-11-23T00:00:00.000Z" }),
    entry(7, { member: "octocat", agent: "claude", repo: "acme/web" }),
  ];

  it("counts only today's (UTC) entries, per member, per agent and for this repository", () => {
    expect(budgetOf({ entries: ledger, config: TEAM, now: NOW, repo: REPO })).toEqual({
      day: "2026-11-22",
      pool: 300,
      used: 5,
      members: [
        { login: "mona", quota: 200, used: 2 },
        { login: "hubot", quota: 100, used: 2 },
      ],
      agents: [
        { name: "jules", quota: 100, used: 3 },
        { name: "copilot", quota: 50, used: 1 },
      ],
      repo: { name: REPO, used: 3, cap: 120 },
    });
  });

  it("counts the other repository's own use when asked for it", () => {
    expect(budgetOf({ entries: ledger, config: TEAM, now: NOW, repo: "acme/web" }).repo).toEqual({ name: "acme/web", used: 2, cap: 120 });
  });

  it("is empty at 00:00:00Z the next day", () => {
    const budget = budgetOf({ entries: ledger, config: TEAM, now: new Date("2026-11-23T00:00:00Z"), repo: REPO });
    expect([budget.day, budget.used, budget.repo.used]).toEqual(["2026-11-23", 1, 1]);
  });

  it.each<[string, number[], number, number, number]>([
    ["two members, 40%", [200, 100], 0.4, 300, 120],
    ["an odd pool rounds down", [7], 0.4, 7, 2],
    ["a whole pool", [3, 4], 1, 7, 7],
    ["no share", [10], 0, 10, 0],
    ["no members", [], 0.5, 0, 0],
  ])("caps the repository at floor(pool × repoShare): %s", (_name, quotas, repoShare, pool, cap) => {
    const members = quotas.map((dailyQuota, index) => ({ login: `member${index}`, dailyQuota }));
    const budget = budgetOf({ entries: [], config: config({ budget: { members, repoShare } }), now: NOW, repo: REPO });
    expect([budget.pool, budget.repo.cap]).toEqual([pool, cap]);
  });

  it("caps 100 × 0.29 at 29, not 28 (floating point)", () => {
    const budget = budgetOf({ entries: [], config: config({ budget: { members: [{ login: "mona", dailyQuota: 100 }], repoShare: 0.29 } }), now: NOW, repo: REPO });
    expect(budget.repo.cap).toBe(29);
  });
});

/** A budget of mona (10) and hubot (5), jules (20), acme/api capped at 12 of a pool of 15. */
function budget(overrides: Partial<Budget> = {}): Budget {
  return {
    day: "2026-11-22",
    pool: 15,
    used: 0,
    members: [
      { login: "mona", quota: 10, used: 0 },
      { login: "hubot", quota: 5, used: 0 },
    ],
    agents: [{ name: "jules", quota: 20, used: 0 }],
    repo: { name: REPO, used: 0, cap: 12 },
    ...overrides,
  };
}

describe("payer", () => {
  it.each<[string, Partial<Budget>, string, ReturnType<typeof payer>]>([
    ["the member with the most left", {}, "jules", { member: "mona" }],
    ["the member with the most left when it is not first", { members: [{ login: "mona", quota: 10, used: 7 }, { login: "hubot", quota: 5, used: 0 }] }, "jules", { member: "hubot" }],
    ["the first listed on a tie", { members: [{ login: "mona", quota: 10, used: 5 }, { login: "hubot", quota: 5, used: 0 }] }, "jules", { member: "mona" }],
    ["the first listed on a tie, other order", { members: [{ login: "hubot", quota: 5, used: 0 }, { login: "mona", quota: 10, used: 5 }] }, "jules", { member: "hubot" }],
    ["someone with quota, skipping a spent member", { members: [{ login: "mona", quota: 10, used: 10 }, { login: "hubot", quota: 5, used: 4 }], used: 14 }, "jules", { member: "hubot" }],
    ["an agent Factory keeps no quota for", { agents: [] }, "claude", { member: "mona" }],
    ["no-members when none is listed", { members: [], pool: 0 }, "jules", { refused: "no-members" }],
    ["pool when the pool is used", { used: 15 }, "jules", { refused: "pool" }],
    ["pool before repo-share", { used: 15, repo: { name: REPO, used: 12, cap: 12 } }, "jules", { refused: "pool" }],
    ["pool when every member is spent (by members no longer listed)", { used: 3, members: [{ login: "mona", quota: 2, used: 2 }] }, "jules", { refused: "pool" }],
    ["repo-share when this repository used its share", { used: 12, repo: { name: REPO, used: 12, cap: 12 } }, "jules", { refused: "repo-share" }],
    ["repo-share when the cap is 0", { repo: { name: REPO, used: 0, cap: 0 } }, "jules", { refused: "repo-share" }],
    ["agent-quota when the agent used its quota", { agents: [{ name: "jules", quota: 2, used: 2 }] }, "jules", { refused: "agent-quota" }],
    ["a member when another agent used its quota", { agents: [{ name: "jules", quota: 2, used: 2 }, { name: "copilot", quota: 2, used: 0 }] }, "copilot", { member: "mona" }],
  ])("picks %s", (_name, overrides, agent, expected) => {
    expect(payer(budget(overrides), agent)).toEqual(expected);
  });

  it("passes over members at their concurrency, and says so when only they have quota left", () => {
    const two = budget({ members: [{ login: "Mona", quota: 10, used: 0 }, { login: "hubot", quota: 5, used: 4 }] });
    expect(payer(two, "jules", new Set(["mona"]))).toEqual({ member: "hubot" });
    expect(payer(two, "jules", new Set(["mona", "hubot"]))).toEqual({ refused: "member-capacity" });
    expect(payer(budget({ members: [{ login: "mona", quota: 10, used: 10 }], used: 10 }), "jules", new Set(["mona"]))).toEqual({ refused: "pool" });
  });
});

describe("spend", () => {
  it("counts one more dispatch for the pool, the member, the agent and the repository", () => {
    const before = budget({ agents: [{ name: "jules", quota: 20, used: 3 }, { name: "copilot", quota: 4, used: 1 }], used: 4, repo: { name: REPO, used: 2, cap: 12 } });
    expect(spend(before, "hubot", "copilot")).toEqual({
      ...before,
      used: 5,
      members: [
        { login: "mona", quota: 10, used: 0 },
        { login: "hubot", quota: 5, used: 1 },
      ],
      agents: [
        { name: "jules", quota: 20, used: 3 },
        { name: "copilot", quota: 4, used: 2 },
      ],
      repo: { name: REPO, used: 3, cap: 12 },
    });
    expect(before.used).toBe(4);
  });
});

describe("describeRefusal", () => {
  const spent = budget({ used: 15, repo: { name: REPO, used: 12, cap: 12 }, agents: [{ name: "jules", quota: 20, used: 20 }] });
  it.each<[BudgetRefusal, string, string]>([
    ["no-members", "jules", "no budget: no member is listed under `budget.members` in the Factory config"],
    ["pool", "jules", "today's pool is used up (15 of 15)"],
    ["repo-share", "jules", "acme/api has used its share of today's pool (12 of 12)"],
    ["agent-quota", "jules", "jules has used its daily quota (20 of 20)"],
    ["agent-quota", "claude", "claude has used its daily quota (0 of 0)"],
  ])("words %s for %s", (refusal, agent, text) => {
    expect(describeRefusal(refusal, spent, agent)).toBe(text);
  });
});
