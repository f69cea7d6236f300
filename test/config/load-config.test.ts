import { readFileSync } from "node:fs";
import type { Context } from "probot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { loadConfig, type ConfigOctokit } from "../../src/config/load-config.js";
import { configSchema, type Config } from "../../src/config/schema.js";
import { testOctokit } from "./test-octokit.js";

const REPO_FILE = "acme/api/.github/factory.yml";
const ORG_FILE = "acme/.github/.github/factory.yml";
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/configs/${name}`, import.meta.url), "utf8");

async function load(files: Record<string, string>, statuses?: Record<string, number>) {
  const { octokit, contents } = testOctokit({ files, ...(statuses ? { statuses } : {}) });
  return { result: await loadConfig({ octokit, owner: "acme", repo: "api" }), requests: contents.requests };
}

function expectOk(result: Awaited<ReturnType<typeof loadConfig>>): { config: Config; files: string[] } {
  if (!result.ok) throw new Error(`expected a config, got ${result.error.message}\n${result.error.details}`);
  return { config: result.config, files: result.files };
}

const EXPECTED_FULL: Config = {
  audit: {
    label: "factory:audit",
    auto: true,
    confirm: "auto",
    keywords: {
      type: {
        security: ["security", "owasp", "injection", "xss", "csrf", "ssrf", "auth", "secret", "jwt"],
        quality: ["error handling", "complexity", "duplication", "dead code"],
        performance: ["slow", "n+1", "memory", "latency", "p99"],
        testing: ["coverage", "test", "flaky"],
        docs: ["docs", "readme", "comment", "godoc"],
      },
      severity: {
        critical: ["critical", "rce", "🔴"],
        high: ["high", "major", "🟠"],
        medium: ["medium", "moderate", "🟡"],
        low: ["low", "minor", "info", "nit", "🟢"],
      },
    },
  },
  epics: {
    auto: true,
    minChildren: 3,
    singleEpicBelow: 5,
    themedFrom: 10,
    maxChildren: 8,
    maxBodyChars: 50000,
    protect: false,
    branchPrefix: "epic/",
    phaseNames: { blocking: "Foundations", parallel: "Implementation", cleanup: "Cleanup" },
  },
  agents: [
    {
      name: "jules",
      trigger: { type: "label", label: "jules" },
      dailyQuota: 100,
      concurrency: 15,
      plan: "jules-pro",
      issueTypes: ["security", "quality", "performance", "testing"],
      tokenEnv: "JULES_TOKEN",
      apiKeyEnv: "JULES_API_KEY",
      accounts: ["google-labs-jules[bot]"],
      memberTokens: true,
    },
    {
      name: "copilot",
      trigger: { type: "assignee", login: "Copilot" },
      dailyQuota: 50,
      issueTypes: ["docs", "testing", "quality"],
      tokenEnv: "COPILOT_TOKEN",
      accounts: ["Copilot", "copilot-swe-agent[bot]"],
      memberTokens: true,
    },
    {
      name: "reviewbot",
      trigger: { type: "mention", mention: "@reviewbot", template: "please implement this issue on `{branch}` (epic {epic})" },
      dailyQuota: 20,
      issueTypes: ["docs"],
      accounts: [],
      memberTokens: true,
    },
  ],
  dispatch: {
    auto: true,
    approvalLabel: "approved",
    readiness: { requireAcceptanceCriteria: true, openQuestionsHeading: "Open questions" },
    failuresBeforeFallback: 2,
    pickupHours: 24,
    route: ["jules", "copilot", "reviewbot"],
  },
  budget: {
    members: [
      { login: "octocat", dailyQuota: 300, concurrency: 15, tokenEnv: "OCTOCAT_TOKEN" },
      { login: "hubot", plan: "jules-free", dailyQuota: 15, concurrency: 3 },
    ],
    repoShare: 0.5,
  },
  monitor: { nudgeAttempts: 3, nudgeTimeoutHours: 12, sweepIntervalMinutes: 15, conflictResolver: "reviewbot", escalationLabel: "needs-intervention" },
  merge: { method: "squash", auto: true, requiredChecks: ["test"], approvals: 1, withoutCI: false },
  commands: { permission: "maintain" },
  ledger: { repo: ".github", branch: "factory-ledger", directory: "factory" },
  labels: { epic: "epic", dispatched: "factory:dispatched", direct: "factory:direct", paused: "factory:paused", adopted: "factory:adopted", scheme: "prefixed" },
};

describe("loadConfig", () => {
  it("takes the Octokit a webhook handler is given", () => {
    expectTypeOf<Context["octokit"]>().toExtend<ConfigOctokit>();
  });

  it("gives the defaults when neither the repository nor the organisation has a file", async () => {
    const { result, requests } = await load({});
    expect(expectOk(result)).toEqual({ config: configSchema.parse({}), files: [] });
    // Probot's fallback: the repository first, then the organisation's .github repository.
    expect(requests).toEqual([
      "GET /repos/acme/api/contents/.github%2Ffactory.yml",
      "GET /repos/acme/.github/contents/.github%2Ffactory.yml",
    ]);
  });

  it("gives the defaults for an empty file", async () => {
    const { result } = await load({ [REPO_FILE]: fixture("empty.yml") });
    expect(expectOk(result)).toEqual({ config: configSchema.parse({}), files: [REPO_FILE] });
  });

  it("reads the documented example as written when it is the organisation's file", async () => {
    // The organisation's file extends nothing (`_extends: .github` there would name itself).
    const { result } = await load({ [ORG_FILE]: fixture("full.yml").replace(/^_extends: .*\n/m, "") });
    expect(expectOk(result)).toEqual({ config: EXPECTED_FULL, files: [ORG_FILE] });
    expect(result).toMatchObject({ warnings: [] });
  });

  it("reads the documented example from a repository: its own values win, except secrets and money", async () => {
    const { result } = await load({
      [REPO_FILE]: fixture("full.yml"),
      [ORG_FILE]: "merge:\n  method: rebase\nlabels:\n  epic: big-epic\nagents:\n  - name: claude\n",
    });
    const { config, files } = expectOk(result);
    expect(files).toEqual([REPO_FILE, ORG_FILE]);
    // The organisation defines none of these agents: they act as the app, in Factory's own words.
    expect(config).toEqual({
      ...EXPECTED_FULL,
      agents: EXPECTED_FULL.agents.map(({ tokenEnv: _dropped, apiKeyEnv: _key, ...agent }) =>
        agent.name === "reviewbot" ? { ...agent, memberTokens: false, trigger: { type: "mention", mention: "@reviewbot" } } : { ...agent, memberTokens: false },
      ),
      budget: { members: [], repoShare: 0.4 },
    });
    expect(result.ok && result.warnings.map((w) => [w.key, w.line])).toEqual([
      ["agents[0].tokenEnv", 101],
      ["agents[0].apiKeyEnv", 106],
      ["agents[0].memberTokens", 110],
      ["agents[1].tokenEnv", 120],
      ["agents[2].trigger.template", 130],
      ["budget.members", 159],
      ["budget.repoShare", 174],
    ]);
  });

  it("merges _extends from the organisation: nested keys combine, lists are replaced", async () => {
    const { result } = await load({
      [REPO_FILE]: ["_extends: .github", "merge:", "  auto: false", "agents:", "  - name: copilot", ""].join("\n"),
      [ORG_FILE]: [
        "merge:",
        "  method: rebase",
        "  auto: true",
        "agents:",
        "  - name: jules",
        "  - name: claude",
        "budget:",
        "  members:",
        "    - login: octocat",
        "      dailyQuota: 200",
        "",
      ].join("\n"),
    });
    const { config, files } = expectOk(result);
    expect(files).toEqual([REPO_FILE, ORG_FILE]);
    expect(config.merge).toEqual({ method: "rebase", auto: false, requiredChecks: [], approvals: 1, withoutCI: false });
    expect(config.agents.map((agent) => agent.name)).toEqual(["copilot"]);
    expect(config.budget.members).toEqual([{ login: "octocat", dailyQuota: 200 }]);
  });

  it("follows a chain of _extends to another repository and path", async () => {
    const { result } = await load({
      [REPO_FILE]: "_extends: acme/.github\nmonitor:\n  nudgeAttempts: 4\n",
      [ORG_FILE]: "_extends: acme-ops/settings:factory/base.yml\nmonitor:\n  nudgeAttempts: 3\n  nudgeTimeoutHours: 6\n",
      "acme-ops/settings/factory/base.yml": "monitor:\n  nudgeTimeoutHours: 48\n  sweepIntervalMinutes: 60\n",
    });
    const { config, files } = expectOk(result);
    expect(files).toEqual([REPO_FILE, ORG_FILE, "acme-ops/settings/factory/base.yml"]);
    expect(config.monitor).toEqual({
      nudgeAttempts: 4,
      nudgeTimeoutHours: 6,
      sweepIntervalMinutes: 60,
      escalationLabel: "needs-intervention",
    });
  });

  it("uses the organisation's file when the repository has none", async () => {
    const { result } = await load({ [ORG_FILE]: "commands:\n  permission: admin\n" });
    const { config, files } = expectOk(result);
    expect(files).toEqual([ORG_FILE]);
    expect(config.commands.permission).toBe("admin");
  });

  it("names the inherited file when the bad value comes from it", async () => {
    const { result } = await load({
      [REPO_FILE]: "_extends: .github\nbudget:\n  repoShare: 0.3\n",
      [ORG_FILE]: "# shared settings\nbudget:\n  members:\n    - login: octocat\n      dailyQuota: lots\n",
    });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        file: ORG_FILE,
        line: 5,
        message: expect.stringMatching(/^Invalid config in acme\/\.github\/\.github\/factory\.yml: budget\.members\[0\]\.dailyQuota/),
      }),
    });
  });

  it("names the repository's own file when both set the bad key", async () => {
    const { result } = await load({
      [REPO_FILE]: "_extends: .github\n\nmerge:\n  method: fast\n",
      [ORG_FILE]: "merge:\n  method: also-bad\n",
    });
    expect(result).toMatchObject({ ok: false, error: { file: REPO_FILE, line: 4 } });
  });

  it("points at the agent entry, not the inherited one, when the agents list is the repository's", async () => {
    const { result } = await load({
      [REPO_FILE]: "_extends: .github\nagents:\n  - name: devin\n",
      [ORG_FILE]: "agents:\n  - name: devin\n    trigger:\n      type: label\n      label: devin\n",
    });
    expect(result).toMatchObject({ ok: false, error: { file: REPO_FILE, line: 3 } });
  });

  it("reports an _extends that names a missing file", async () => {
    const { result } = await load({ [REPO_FILE]: "merge:\n  auto: false\n_extends: acme/settngs\n" });
    expect(result).toMatchObject({
      ok: false,
      error: { file: REPO_FILE, line: 3, message: expect.stringContaining("acme/settngs/.github/factory.yml") },
    });
  });

  it("reports an _extends that leads back to a file already read", async () => {
    const { result } = await load({
      [REPO_FILE]: "_extends: shared\n",
      "acme/shared/.github/factory.yml": "merge:\n  auto: false\n_extends: api\n",
    });
    expect(result).toMatchObject({
      ok: false,
      error: { file: "acme/shared/.github/factory.yml", line: 3, message: expect.stringContaining("circle") },
    });
  });

  it("reports a document that is a number", async () => {
    const { result } = await load({ [REPO_FILE]: "# settings\n42\n" });
    expect(result).toMatchObject({ ok: false, error: { file: REPO_FILE, line: 2, message: expect.stringContaining("single value") } });
  });

  it("reports every problem in the details and counts the rest in the summary", async () => {
    const { result } = await load({ [REPO_FILE]: "merge:\n  method: fast\nbudget:\n  repoShare: 2\n" });
    if (result.ok) throw new Error("expected an error");
    expect(result.error.message).toMatch(/\(and 1 more\)$/);
    expect(result.error.details).toContain("merge.method");
    expect(result.error.details).toContain("budget.repoShare");
  });

  it.each([500, 502, 403])("rethrows a %i from GitHub instead of blaming the file", async (status) => {
    const failure = load({ [REPO_FILE]: "merge:\n  auto: true\n" }, { [REPO_FILE]: status });
    await expect(failure).rejects.toThrow(`Could not load ${REPO_FILE}`);
    await expect(failure).rejects.toMatchObject({ cause: { status } });
  });

  it("rethrows a failure to read the organisation's fallback file", async () => {
    const failure = load({}, { [ORG_FILE]: 503 });
    await expect(failure).rejects.toMatchObject({ cause: { status: 503 } });
  });

  describe("secrets and money are the organisation's", () => {
    const ORG = [
      "agents:",
      "  - name: jules",
      "    tokenEnv: JULES_TOKEN",
      "budget:",
      "  members:",
      "    - login: mona",
      "      tokenEnv: MONA_TOKEN",
      "  repoShare: 0.4",
      "ledger:",
      "  repo: .github",
      "",
    ].join("\n");

    it("reads the organisation's file even when the repository does not extend it, and names the line of what it ignores", async () => {
      const { result, requests } = await load({
        [REPO_FILE]: "merge:\n  auto: false\nagents:\n  - name: jules\n    tokenEnv: EVE_TOKEN\n",
        [ORG_FILE]: ORG,
      });
      const { config, files } = expectOk(result);
      expect(files).toEqual([REPO_FILE, ORG_FILE]);
      expect(config.merge.auto).toBe(false);
      expect(config.agents[0]?.tokenEnv).toBe("JULES_TOKEN");
      expect(config.budget.members).toEqual([{ login: "mona", dailyQuota: 300, tokenEnv: "MONA_TOKEN" }]);
      expect(result.ok && result.warnings).toEqual([
        expect.objectContaining({
          file: REPO_FILE,
          key: "agents[0].tokenEnv",
          line: 5,
          message: `\`agents[0].tokenEnv\` in ${REPO_FILE} (line 5) is ignored: member tokens are read only from ${ORG_FILE}`,
        }),
      ]);
      // The repository's file, the organisation's, then the repository's again for the line (only because of the warning).
      expect(requests).toEqual([
        "GET /repos/acme/api/contents/.github%2Ffactory.yml",
        "GET /repos/acme/.github/contents/.github%2Ffactory.yml",
        "GET /repos/acme/api/contents/.github%2Ffactory.yml",
      ]);
    });

    it("reads nothing more when the repository extends the organisation's file and sets nothing of its own", async () => {
      const { result, requests } = await load({ [REPO_FILE]: "_extends: .github\nmerge:\n  auto: false\n", [ORG_FILE]: ORG });
      expect(result).toMatchObject({ ok: true, warnings: [] });
      expect(requests).toHaveLength(2);
    });

    it("uses the organisation's ledger, members and share over a repository's, and its own lower share", async () => {
      const { result } = await load({
        [REPO_FILE]: "_extends: .github\nbudget:\n  repoShare: 0.9\n  members:\n    - login: eve\nledger:\n  repo: eve/loot\n",
        [ORG_FILE]: ORG,
      });
      const { config } = expectOk(result);
      expect(config.budget).toEqual({ members: [{ login: "mona", dailyQuota: 300, tokenEnv: "MONA_TOKEN" }], repoShare: 0.4 });
      expect(config.ledger.repo).toBe(".github");
      expect(result.ok && result.warnings.map((w) => `${w.key} line ${w.line}`)).toEqual(["budget.repoShare line 3", "budget.members line 4", "ledger.repo line 7"]);

      const lower = await load({ [REPO_FILE]: "_extends: .github\nbudget:\n  repoShare: 0.1\n", [ORG_FILE]: ORG });
      expect(expectOk(lower.result).config.budget.repoShare).toBe(0.1);
      expect(lower.result).toMatchObject({ warnings: [] });
    });

    it("names the repository's other file when that is what set the key", async () => {
      const { result } = await load({
        [REPO_FILE]: "_extends: shared\n",
        "acme/shared/.github/factory.yml": "# shared by the api team\nbudget:\n  repoShare: 1\n",
        [ORG_FILE]: ORG,
      });
      expect(expectOk(result).config.budget.repoShare).toBe(0.4);
      expect(result.ok && result.warnings.map((w) => w.message)).toEqual([
        `\`budget.repoShare\` in acme/shared/.github/factory.yml (line 3) is ignored: a repository may lower its share of the pool, not raise it above 0.4 (set in ${ORG_FILE})`,
      ]);
    });

    it("trusts the files the organisation's file extends", async () => {
      const { result } = await load({
        [REPO_FILE]: "_extends: .github\n",
        [ORG_FILE]: "_extends: acme-ops/settings:factory/base.yml\n",
        "acme-ops/settings/factory/base.yml": ORG,
      });
      expect(expectOk(result).config.budget.members[0]?.tokenEnv).toBe("MONA_TOKEN");
      expect(result).toMatchObject({ warnings: [] });
    });

    it("treats the file of the organisation's .github repository as the organisation's", async () => {
      const { octokit } = testOctokit({ files: { [ORG_FILE]: "agents:\n  - name: claude\n    tokenEnv: MONA_TOKEN\n" } });
      const result = await loadConfig({ octokit, owner: "acme", repo: ".github" });
      expect(expectOk(result).config.agents).toEqual([expect.objectContaining({ name: "claude", tokenEnv: "MONA_TOKEN" })]);
      expect(result).toMatchObject({ warnings: [] });
    });

    it("reports a broken organisation file the repository does not extend", async () => {
      const { result } = await load({ [REPO_FILE]: "merge:\n  auto: false\n", [ORG_FILE]: "# org\nbudget:\n  repoShare: 3\n" });
      expect(result).toMatchObject({ ok: false, error: { file: ORG_FILE, line: 3, message: expect.stringContaining("budget.repoShare") } });
    });
  });
});
