import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { renderConfigError } from "../../src/config/render-config-error.js";
import { testOctokit } from "./test-octokit.js";

const DIR = new URL("../../fixtures/configs/broken/", import.meta.url);
const REPO_FILE = "acme/api/.github/factory.yml";

interface Expected {
  line: number;
  contains: string[];
}

const fixtures = readdirSync(DIR)
  .filter((name) => name.endsWith(".yml"))
  .sort()
  .map((name) => ({
    name,
    text: readFileSync(new URL(name, DIR), "utf8"),
    expected: JSON.parse(readFileSync(new URL(name.replace(/\.yml$/, ".expected.json"), DIR), "utf8")) as Expected,
  }));

describe("broken config fixtures", () => {
  it("cover at least the eight required kinds of breakage", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
    expect(readdirSync(DIR).filter((name) => name.endsWith(".json"))).toHaveLength(fixtures.length);
  });

  it.each(fixtures)("$name is reported with its file, line and problem", async ({ text, expected }) => {
    const { octokit } = testOctokit({ files: { [REPO_FILE]: text } });
    const result = await loadConfig({ octokit, owner: "acme", repo: "api" });
    if (result.ok) throw new Error("expected a config error");
    const { error } = result;
    expect(error.file).toBe(REPO_FILE);
    expect(error.line).toBe(expected.line);
    expect(error.message.startsWith(`Invalid config in ${REPO_FILE}: `)).toBe(true);
    expect(error.message).not.toContain("\n");
    for (const fragment of expected.contains) expect(`${error.message}\n${error.details}`).toContain(fragment);

    const comment = renderConfigError(error);
    expect(comment).toContain(`\`${REPO_FILE}\`, line ${expected.line}`);
    expect(comment).toContain("Nothing was done");
  });

  it("does not repeat a pasted token anywhere in the report", async () => {
    const fixture = fixtures.find((candidate) => candidate.name === "token-in-token-env.yml");
    if (!fixture) throw new Error("token fixture missing");
    const { octokit } = testOctokit({ files: { [REPO_FILE]: fixture.text } });
    const result = await loadConfig({ octokit, owner: "acme", repo: "api" });
    if (result.ok) throw new Error("expected a config error");
    expect(JSON.stringify(result.error)).not.toContain("ghp_");
    expect(renderConfigError(result.error)).not.toContain("ghp_");
  });
});
