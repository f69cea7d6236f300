import { describe, expect, it } from "vitest";
import type { DispatchTarget } from "../../../src/stages/commands/command.js";
import { budgetOf } from "../../../src/stages/dispatch/budget.js";
import type { LedgerEntry } from "../../../src/model/ledger-entry.js";
import { planDispatch } from "../../../src/stages/dispatch/plan-dispatch.js";
import { child, config, entry, epicChildren, NOW, REPO, snapshot } from "./dispatch-fixture.js";

const PHASE_2: DispatchTarget = { kind: "phase", phase: 2 };

function plan(params: { ledger?: LedgerEntry[]; config?: ReturnType<typeof config>; target?: DispatchTarget; children?: ReturnType<typeof epicChildren> }) {
  return planDispatch({
    snapshot: snapshot({ children: params.children ?? epicChildren(), ledger: params.ledger ?? [] }),
    target: params.target ?? PHASE_2,
    config: params.config ?? config(),
    now: NOW,
    delivery: "d-now",
  });
}

describe("planDispatch and the budget", () => {
  it("stops when the pool runs out midway, counting other repositories and ignoring yesterday", () => {
    const ledger = [entry(5, { repo: "acme/web" }), entry(6, { time: "2026-11-21T23:59:59.000Z" })];
    const result = plan({ ledger });
    expect(result.dispatches.map((d) => d.child)).toEqual([12, 13]);
    expect(result.skipped).toEqual([{ child: 14, reason: "budget: today's pool is used up (3 of 3)" }]);
  });

  it("stops at this repository's share", () => {
    const shared = config({ budget: { members: [{ login: "mona", dailyQuota: 10 }], repoShare: 0.25 } });
    const result = plan({ config: shared, ledger: [entry(5, { repo: "Acme/API" })] });
    expect(result.dispatches.map((d) => d.child)).toEqual([12]);
    expect(result.skipped).toEqual([{ child: 13, reason: "budget: acme/api has used its share of today's pool (2 of 2)" }, { child: 14, reason: "budget: acme/api has used its share of today's pool (2 of 2)" }]);
  });

  it("passes over an agent whose quota is used and says so when no other agent takes the type", () => {
    const quota = config({ agents: [{ name: "jules", dailyQuota: 1, issueTypes: ["security"] }, { name: "copilot", issueTypes: ["docs"] }] });
    const result = plan({ config: quota });
    expect(result.dispatches.map((d) => d.child)).toEqual([12]);
    expect(result.skipped.map((s) => s.reason)).toEqual(["jules has no quota left today", "jules has no quota left today"]);
  });

  it("falls back to the next agent when the first one's quota is used", () => {
    const quota = config({ agents: [{ name: "jules", dailyQuota: 1, issueTypes: ["security"] }, { name: "claude", issueTypes: ["security"] }] });
    expect(plan({ config: quota }).dispatches.map((d) => `#${d.child} ${d.agent.name}`)).toEqual(["#12 jules", "#13 claude", "#14 claude"]);
  });

  it("has the member with the most left pay, drawing quotas evenly", () => {
    const team = config({ budget: { members: [{ login: "mona", dailyQuota: 3 }, { login: "hubot", dailyQuota: 2 }], repoShare: 1 } });
    expect(plan({ config: team }).dispatches.map((d) => d.member)).toEqual(["mona", "mona", "hubot"]);
  });

  it("returns the budget after the planned spend", () => {
    const team = config({ budget: { members: [{ login: "mona", dailyQuota: 3 }, { login: "hubot", dailyQuota: 2 }], repoShare: 1 } });
    const ledger = [entry(5, { repo: "acme/web", member: "hubot", agent: "copilot" })];
    expect(plan({ config: team, ledger }).budget).toEqual({
      day: "2026-11-22",
      pool: 5,
      used: 4,
      members: [
        { login: "mona", quota: 3, used: 3 },
        { login: "hubot", quota: 2, used: 1 },
      ],
      agents: [
        { name: "jules", quota: 300, used: 3 },
        { name: "copilot", quota: 300, used: 1 },
      ],
      repo: { name: REPO, used: 3, cap: 5 },
    });
  });

  it("reports a refusal with the budget of the ledger", () => {
    const result = planDispatch({ snapshot: snapshot({ children: epicChildren(), ledger: [entry(5)], repoPaused: true }), target: PHASE_2, config: config(), now: NOW, delivery: "d-now" });
    expect([result.budget.used, result.budget.repo.used]).toEqual([1, 1]);
  });
});

describe("planDispatch ledger lines", () => {
  it("writes attempt 1 of a fresh child, with the delivery and the time", () => {
    expect(plan({ target: { kind: "phase", phase: 1 } }).dispatches[0]?.entry).toEqual({
      v: 1,
      kind: "dispatch",
      key: "acme/api#11:1",
      time: "2026-11-22T09:00:00.000Z",
      repo: REPO,
      issue: 11,
      epic: 42,
      agent: "jules",
      member: "mona",
      delivery: "d-now",
    });
  });

  it("counts earlier attempts at the child (and only at it) in the key", () => {
    const ledger = [
      entry(12, { agent: "openhands", time: "2026-11-20T10:00:00.000Z" }),
      entry(12, { agent: "openhands", key: "acme/api#12:2", repo: "ACME/api", time: "2026-11-21T10:00:00.000Z" }),
      entry(13, { repo: "acme/web", agent: "copilot" }),
      entry(112, { agent: "openhands" }),
    ];
    const roomy = config({ budget: { members: [{ login: "mona", dailyQuota: 10 }], repoShare: 1 } });
    const result = plan({ ledger, config: roomy, target: { kind: "issues", issues: [12, 13] } });
    expect(result.dispatches.map((d) => [d.entry.key, d.repair])).toEqual([
      ["acme/api#12:3", false],
      ["acme/api#13:1", false],
    ]);
  });

  it("repairs a child the ledger paid for but which never got its label, spending nothing", () => {
    const paid = entry(13, { member: "hubot", delivery: "d-crashed", key: "acme/api#13:1" });
    const ledger = [paid, entry(5, { repo: "acme/web" })];
    const result = plan({ ledger });
    const repair = result.dispatches.find((d) => d.child === 13);
    expect(repair).toMatchObject({ repair: true, member: "hubot", agent: { name: "jules" }, branch: "epic/42-security" });
    expect(repair?.entry).toBe(paid);
    expect(result.dispatches.map((d) => d.child)).toEqual([12, 13]);
    expect(result.skipped).toEqual([{ child: 14, reason: "budget: today's pool is used up (3 of 3)" }]);
    expect([result.budget.used, result.budget.repo.used, result.budget.members]).toEqual([3, 2, [{ login: "mona", quota: 3, used: 2 }]]);
  });

  it("repairs even when the budget is used up, and leaves the budget unchanged", () => {
    const ledger = [entry(12), entry(5, { repo: "acme/web" }), entry(6, { repo: "acme/web" })];
    const result = plan({ ledger, target: { kind: "issues", issues: [12] } });
    expect(result.dispatches.map((d) => [d.child, d.repair, d.entry.key])).toEqual([[12, true, "acme/api#12:1"]]);
    expect(result.budget).toEqual(budgetOf({ entries: ledger, config: config(), now: NOW, repo: REPO }));
  });

  it("does not repair a child that carries the dispatched label", () => {
    const result = plan({ ledger: [entry(12)], target: { kind: "issues", issues: [12] }, children: [child(12, { labels: ["factory:dispatched"] })] });
    expect([result.dispatches, result.skipped]).toEqual([[], [{ child: 12, reason: "already dispatched" }]]);
  });

  it("falls back to the next agent once the first has failed the child failuresBeforeFallback times (released attempts)", () => {
    const both = config({ agents: [{ name: "jules", issueTypes: ["security"] }, { name: "openhands", issueTypes: ["security"] }] });
    const ledger = [entry(12), entry(12, { key: "acme/api#12:2" })];
    const released = new Set(["acme/api#12:1", "acme/api#12:2"]);
    const result = planDispatch({
      snapshot: { ...snapshot({ children: epicChildren(), ledger }), released },
      target: { kind: "issues", issues: [12] },
      config: both,
      now: NOW,
      delivery: "d",
    });
    expect(result.dispatches.map((d) => [d.child, d.agent.name, d.repair, d.entry.key])).toEqual([[12, "openhands", false, "acme/api#12:3"]]);
  });

  it("repairs the last attempt when it was not released", () => {
    const ledger = [entry(12), entry(12, { key: "acme/api#12:2" })];
    const result = plan({ ledger, target: { kind: "issues", issues: [12] } });
    expect(result.dispatches.map((d) => [d.child, d.repair, d.entry.key])).toEqual([[12, true, "acme/api#12:2"]]);
  });
});
