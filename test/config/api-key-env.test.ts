import { describe, expect, it } from "vitest";
import { applyOrgRules } from "../../src/config/apply-org-rules.js";
import { configSchema } from "../../src/config/schema.js";

/*
 * An agent's own API key is a secret of the organisation, like a member's
 * token (SPEC §5): its variable's name is read only from the organisation's
 * file, and only for an agent Factory reaches through an API (Jules).
 */

const ORG_FILE = "acme/.github/.github/factory.yml";
const REPO_FILE = "acme/api/.github/factory.yml";

function effective(org: Record<string, unknown>, repo: Record<string, unknown>) {
  const { document, warnings } = applyOrgRules({ org: { file: ORG_FILE, document: org }, repository: [{ file: REPO_FILE, document: repo }] });
  return { config: configSchema.parse(document), warnings: warnings.map((w) => `${w.path.join(".")}: ${w.reason}`) };
}

describe("agents[].apiKeyEnv", () => {
  it("is the organisation's: a repository's own value is ignored with a warning", () => {
    const org = { agents: [{ name: "jules", apiKeyEnv: "JULES_API_KEY" }] };
    const { config, warnings } = effective(org, { agents: [{ name: "jules", apiKeyEnv: "MY_KEY" }] });
    expect(config.agents[0]?.apiKeyEnv).toBe("JULES_API_KEY");
    expect(warnings).toEqual([`agents.0.apiKeyEnv: which API key jules is reached with is read only from ${ORG_FILE}`]);
  });

  it("never comes from a repository for an agent the organisation did not set one on", () => {
    const { config, warnings } = effective({ agents: [{ name: "jules" }] }, { agents: [{ name: "jules", apiKeyEnv: "MY_KEY" }] });
    expect(config.agents[0]?.apiKeyEnv).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it("is refused on an agent Factory reaches through GitHub only, and when it holds a key instead of a name", () => {
    expect(() => configSchema.parse({ agents: [{ name: "copilot", apiKeyEnv: "KEY" }] })).toThrow("Factory reaches copilot through GitHub only; an API key is used for jules");
    expect(() => configSchema.parse({ agents: [{ name: "jules", apiKeyEnv: "ghp_0123456789abcdefghijklmnopqrstuvwxyz" }] })).toThrow("this looks like a token");
  });
});
