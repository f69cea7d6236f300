import { describe, expect, it } from "vitest";
import { planDispatch } from "../../../src/stages/dispatch/plan-dispatch.js";
import { config, epicChildren, NOW, snapshot } from "./dispatch-fixture.js";

/*
 * Members bring their plan's limits as well as its daily quota: a member at
 * their `concurrency` pays for no more children until one finishes, and
 * `plan: jules-free` presets both numbers.
 */
function plan(params: { config: ReturnType<typeof config>; membersInFlight?: Map<string, number> }) {
  return planDispatch({
    snapshot: { ...snapshot({ children: epicChildren(), ledger: [] }), ...(params.membersInFlight ? { membersInFlight: params.membersInFlight } : {}) },
    target: { kind: "phase", phase: 2 },
    config: params.config,
    now: NOW,
    delivery: "d-now",
  });
}

describe("planDispatch and the members' concurrency", () => {
  it("has the next member pay when one is at their concurrency, and makes a child wait when every member with quota left is", () => {
    const team = config({ budget: { members: [{ login: "mona", dailyQuota: 10, concurrency: 1 }, { login: "hubot", dailyQuota: 5, concurrency: 1 }], repoShare: 1 } });
    const result = plan({ config: team });
    expect(result.dispatches.map((d) => d.member)).toEqual(["mona", "hubot"]);
    expect(result.skipped).toEqual([
      {
        child: 14,
        reason: "waiting for capacity: mona has 1 of 1 children in flight, hubot has 1 of 1 children in flight; it goes out as one finishes",
        waitingOn: ["member:mona", "member:hubot"],
      },
    ]);
  });

  it("counts the children a member already has in flight, by login whatever its case", () => {
    const team = config({ budget: { members: [{ login: "Mona", dailyQuota: 10, concurrency: 2 }, { login: "hubot", dailyQuota: 5 }], repoShare: 1 } });
    const result = plan({ config: team, membersInFlight: new Map([["mona", 2]]) });
    expect(result.dispatches.map((d) => d.member)).toEqual(["hubot", "hubot", "hubot"]);
  });

  it("takes a member's limits from their plan, a value set beside it winning", () => {
    const team = config({ budget: { members: [{ login: "mona", plan: "jules-free" }, { login: "hubot", plan: "jules-free", dailyQuota: 1 }], repoShare: 1 } });
    expect(team.budget.members.map((m) => [m.login, m.dailyQuota, m.concurrency])).toEqual([["mona", 15, 3], ["hubot", 1, 3]]);
    const result = plan({ config: team, membersInFlight: new Map([["mona", 2]]) });
    expect(result.dispatches.map((d) => d.member)).toEqual(["mona", "hubot"]);
    expect(result.skipped.map((s) => s.reason)).toEqual(["waiting for capacity: mona has 3 of 3 children in flight; it goes out as one finishes"]);
  });

  it("presets an agent's quota and concurrency from its plan, and refuses a plan of another vendor", () => {
    const pro = config({ agents: [{ name: "jules", plan: "jules-pro" }, { name: "codex", dailyQuota: 7 }] });
    expect(pro.agents.map((a) => [a.name, a.dailyQuota, a.concurrency])).toEqual([["jules", 100, 15], ["codex", 7, undefined]]);
    expect(config({ agents: [{ name: "jules", plan: "jules-free", concurrency: 1 }] }).agents.map((a) => [a.dailyQuota, a.concurrency])).toEqual([[15, 1]]);
    expect(() => config({ agents: [{ name: "copilot", plan: "jules-ultra" }] })).toThrow("jules-ultra is a plan of jules, not of copilot");
    expect(() => config({ agents: [{ name: "jules", plan: "jules-gold" }] })).toThrow("not a plan Factory knows; known plans: jules-free, jules-pro, jules-ultra");
  });
});
