import { describe, expect, it } from "vitest";
import { routeAgent } from "../../../src/stages/dispatch/route-agent.js";
import { config } from "./dispatch-fixture.js";

const AGENTS = [
  { name: "jules", issueTypes: ["security", "quality"] },
  { name: "copilot", issueTypes: ["docs", "testing", "security"] },
  { name: "claude", issueTypes: ["security"] },
];

type Route = ReturnType<typeof routeAgent>;
const picked = (name: string): Route => expect.objectContaining({ agent: expect.objectContaining({ name }) }) as Route;

describe("routeAgent", () => {
  it.each<[string, Record<string, unknown>, "security" | "docs" | "quality" | "performance" | "feature", Record<string, number>, string[], Route]>([
    ["the first agent taking the type", {}, "security", {}, [], picked("jules")],
    ["the first agent taking docs", {}, "docs", {}, [], picked("copilot")],
    ["an agent that failed once (below the fallback count)", {}, "security", { jules: 1 }, [], picked("jules")],
    ["the next agent after failuresBeforeFallback failures", {}, "security", { jules: 2 }, [], picked("copilot")],
    ["the next agent after one failure with failuresBeforeFallback 1", { failuresBeforeFallback: 1 }, "security", { jules: 1 }, [], picked("copilot")],
    ["past two failed agents", {}, "security", { jules: 2, copilot: 3 }, [], picked("claude")],
    ["past an exhausted agent", {}, "security", {}, ["jules"], picked("copilot")],
    ["past a failed and an exhausted agent", {}, "security", { jules: 2 }, ["copilot"], picked("claude")],
    ["failures of other agents do not matter", {}, "quality", { copilot: 5 }, [], picked("jules")],
    ["dispatch.route order over agents order", { route: ["claude", "copilot", "jules"] }, "security", {}, [], picked("claude")],
    ["dispatch.route order with fallback", { route: ["claude", "copilot", "jules"] }, "security", { claude: 2 }, [], picked("copilot")],
    ["no agent for a type nobody takes", {}, "performance", {}, [], { none: "no agent takes performance issues" }],
    ["no agent for feature issues", {}, "feature", {}, [], { none: "no agent takes feature issues" }],
    ["no agent for a type only agents left out of route take", { route: ["copilot"] }, "quality", {}, [], { none: "no agent takes quality issues" }],
    ["no agent when all have failed", {}, "security", { jules: 2, copilot: 2, claude: 4 }, [], { none: "every agent that takes security issues has failed it 2 times" }],
    ["no agent when all have failed 3 times", { failuresBeforeFallback: 3 }, "quality", { jules: 3 }, [], { none: "every agent that takes quality issues has failed it 3 times" }],
    ["no agent when all are exhausted", {}, "security", {}, ["claude", "jules", "copilot"], { none: "jules, copilot, claude have no quota left today" }],
    ["no agent when the only one is exhausted", {}, "docs", {}, ["copilot"], { none: "copilot has no quota left today" }],
    ["no agent when the ones not failed are exhausted", {}, "security", { jules: 2 }, ["copilot", "claude"], { none: "copilot, claude have no quota left today" }],
    ["no agent in route order when exhausted", { route: ["claude", "jules", "copilot"] }, "security", {}, ["jules", "copilot", "claude"], { none: "claude, jules, copilot have no quota left today" }],
  ])("picks %s", (_name, dispatch, type, attempts, exhausted, expected) => {
    const result = routeAgent({ type, config: config({ agents: AGENTS, dispatch }), attempts: new Map(Object.entries(attempts)), exhausted: new Set(exhausted) });
    expect(result).toEqual(expected);
  });

  it("returns the configured agent with its resolved trigger", () => {
    const result = routeAgent({ type: "docs", config: config({ agents: AGENTS }), attempts: new Map(), exhausted: new Set() });
    expect(result).toEqual({ agent: { name: "copilot", dailyQuota: 300, issueTypes: ["docs", "testing", "security"], trigger: { type: "assignee", login: "Copilot" }, accounts: ["Copilot", "copilot-swe-agent[bot]"], memberTokens: true } });
  });

  it("passes over an agent at its concurrency, and says a child waits for capacity when every agent left is busy", () => {
    const agents = [
      { name: "jules", issueTypes: ["security"], concurrency: 3 },
      { name: "copilot", issueTypes: ["security"], concurrency: 2 },
    ];
    const route = (full: Record<string, number>, exhausted: string[] = []) =>
      routeAgent({ type: "security", config: config({ agents }), attempts: new Map(), exhausted: new Set(exhausted), full: new Map(Object.entries(full)) });
    expect(route({ jules: 3 })).toEqual(picked("copilot"));
    expect(route({ jules: 3, copilot: 2 })).toEqual({
      none: "waiting for capacity: jules has 3 of 3 children in flight, copilot has 2 of 2 children in flight; it goes out as one finishes",
      waitingOn: ["agent:jules", "agent:copilot"],
    });
    // An agent out of quota is not waited for: only the busy one is named.
    expect(route({ jules: 3 }, ["copilot"])).toEqual({ none: "waiting for capacity: jules has 3 of 3 children in flight; it goes out as one finishes", waitingOn: ["agent:jules"] });
  });
});
