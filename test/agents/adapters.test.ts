import { describe, expect, it } from "vitest";
import { adapterFor } from "../../src/agents/adapter-for.js";
import { KNOWN_AGENTS } from "../../src/agents/known-agents.js";
import { memberWriter, requestWriter, requesters } from "../../src/agents/member-writers.js";
import { requestRoute } from "../../src/agents/request-route.js";
import { unreachable } from "../../src/agents/unreachable.js";
import { configSchema } from "../../src/config/schema.js";

const ORG = configSchema.parse({
  agents: [{ name: "copilot" }, { name: "jules" }, { name: "claude" }, { name: "openhands" }, { name: "codex" }, { name: "bob", trigger: { type: "label", label: "bob" }, accounts: ["bob-bot[bot]"] }],
  budget: { members: [{ login: "nobody", dailyQuota: 5 }, { login: "mona", dailyQuota: 50, tokenEnv: "MONA_TOKEN" }, { login: "hubot", dailyQuota: 5, tokenEnv: "HUBOT_TOKEN" }] },
});
const agent = (name: string) => ORG.agents.find((a) => a.name === name) as (typeof ORG.agents)[number];
const has = (set: string[]) => (name: string) => set.includes(name);

describe("the agent adapters", () => {
  it("ask each known agent in the syntax it acts on", () => {
    const ask = "Can you fix the merge conflict?";
    expect(Object.fromEntries(Object.entries(KNOWN_AGENTS).map(([name, adapter]) => [name, adapter.request(ask)]))).toEqual({
      copilot: "@copilot Can you fix the merge conflict?",
      jules: "@jules Can you fix the merge conflict?",
      claude: "@claude Can you fix the merge conflict?",
      openhands: "@openhands-agent Can you fix the merge conflict?",
      codex: "@codex Can you fix the merge conflict?",
    });
    expect(adapterFor(agent("bob")).request(ask)).toBe(ask);
    expect(adapterFor({ name: "mentioned", trigger: { type: "mention", mention: "@helper" } }).request(ask)).toBe("@helper Can you fix the merge conflict?");
  });

  it("make every known agent a complete config entry, its accounts and trigger from its adapter", () => {
    expect(agent("codex")).toMatchObject({ trigger: { type: "mention", mention: "@codex" }, accounts: ["chatgpt-codex-connector[bot]"] });
    expect(agent("copilot")).toMatchObject({ trigger: { type: "assignee", login: "Copilot" }, accounts: ["Copilot", "copilot-swe-agent[bot]"] });
    // Copilot alone is assigned with the branch to start from; the others are told in a comment.
    expect(Object.entries(KNOWN_AGENTS).filter(([, adapter]) => adapter.assignment).map(([name]) => name)).toEqual(["copilot"]);
  });

  it("fall back to a generic agent when a known name is given another kind of trigger", () => {
    const relabelled = adapterFor({ name: "copilot", trigger: { type: "label", label: "ai" }, accounts: ["Copilot"] });
    expect(relabelled.vendor).toBe("generic");
    expect(relabelled.assignment).toBeUndefined();
  });
});

describe("who writes for an agent", () => {
  it("hands a child over as the paying member when Factory has their token, else says what to set up for agents that ignore apps", () => {
    expect(memberWriter({ agent: agent("copilot"), member: "mona", config: ORG, hasToken: has(["MONA_TOKEN"]) })).toEqual({ tokenEnv: "MONA_TOKEN", login: "mona" });
    expect(unreachable({ agent: agent("copilot"), member: "mona", config: ORG, hasToken: has(["MONA_TOKEN"]) })).toBeUndefined();
    expect(unreachable({ agent: agent("copilot"), member: "mona", config: ORG, hasToken: has([]) })).toMatch(/^Copilot is assigned with a member's own token .* Set `tokenEnv` on that member in `budget.members`/);
    expect(unreachable({ agent: agent("jules"), member: "nobody", config: ORG, hasToken: has(["MONA_TOKEN"]) })).toMatch(/^Jules acts on a `jules` label added by a person/);
    // OpenHands' label checks nobody, and an agent only the config describes is not known to ignore apps.
    expect(unreachable({ agent: agent("openhands"), member: "nobody", config: ORG, hasToken: has([]) })).toBeUndefined();
    expect(unreachable({ agent: agent("bob"), member: "nobody", config: ORG, hasToken: has([]) })).toBeUndefined();
  });

  it("asks as the first member with a token, and trusts request markers only from members the organisation gives a token", () => {
    expect(requestWriter(ORG, has(["HUBOT_TOKEN", "MONA_TOKEN"]))).toEqual({ tokenEnv: "MONA_TOKEN", login: "mona" });
    expect(requestWriter(ORG, has(["HUBOT_TOKEN"]))).toEqual({ tokenEnv: "HUBOT_TOKEN", login: "hubot" });
    expect(requestWriter(ORG, has([]))).toBeUndefined();
    expect(requesters(ORG)).toEqual(["mona", "hubot"]);
  });

  it("routes a request by the pull request's author: in the agent's syntax as a member, plainly from the app, or not at all with the reason", () => {
    const writer = { tokenEnv: "MONA_TOKEN", login: "mona" };
    const copilotRoute = requestRoute({ author: "Copilot", agents: ORG.agents, writer });
    expect("body" in copilotRoute && copilotRoute.body("Can you fix the code reviews?")).toBe("@copilot Can you fix the code reviews?");
    expect("body" in copilotRoute && copilotRoute.as).toEqual(writer);
    const generic = requestRoute({ author: "bob-bot[bot]", agents: ORG.agents, writer });
    expect("body" in generic && generic.body("Can you fix the code reviews?")).toBe("Can you fix the code reviews?");
    expect("body" in generic && generic.as).toBeUndefined();
    const alone = requestRoute({ author: "google-labs-jules", agents: ORG.agents, writer: undefined });
    expect(alone).toEqual({ unreachable: expect.stringMatching(/^jules acts only on requests from a person, and Factory has no member to write as\. Jules acts on/) });
    // A member's own pull request (an agent that left it to a person) gets Factory's plain words from the app.
    const persons = requestRoute({ author: "mona", agents: ORG.agents, writer });
    expect("body" in persons && persons.as).toBeUndefined();
  });
});
