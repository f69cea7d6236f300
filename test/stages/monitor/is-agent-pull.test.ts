import { describe, expect, it } from "vitest";
import type { Author } from "../../../src/model/authorship.js";
import { isAgentPull } from "../../../src/stages/monitor/is-agent-pull.js";

const agents = [{ accounts: ["google-labs-jules[bot]"] }, { accounts: ["Copilot"] }];
const members = [{ login: "mona", dailyQuota: 300 }];

describe("isAgentPull", () => {
  it.each<[string, Author | null, boolean]>([
    ["Jules as REST names it", { login: "google-labs-jules[bot]", bot: true }, true],
    ["Jules as GraphQL names it", { login: "google-labs-jules", bot: true }, true],
    ["Copilot", { login: "Copilot", bot: true }, true],
    ["a member Factory dispatches as", { login: "Mona", bot: false }, true],
    ["a stranger", { login: "visitor", bot: false }, false],
    ["a person who registered an agent app's slug", { login: "google-labs-jules", bot: false }, false],
    ["a bot named like a member", { login: "mona[bot]", bot: true }, false],
    ["another bot", { login: "dependabot", bot: true }, false],
    ["a deleted account", null, false],
  ])("%s → %s", (_name, author, expected) => {
    expect(isAgentPull({ author, agents, members })).toBe(expected);
  });
});
