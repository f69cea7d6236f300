import { AGENT_ACCOUNTS } from "../../src/config/agent-presets.js";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configSchema } from "../../src/config/schema.js";

/** The first issue's path and message for an input expected to fail. */
function firstIssue(input: unknown): { path: string; message: string; all: string } {
  const result = configSchema.safeParse(input);
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  const [issue] = result.error.issues;
  return {
    path: z.core.toDotPath(issue?.path ?? []),
    message: issue?.message ?? "",
    all: z.prettifyError(result.error),
  };
}

describe("configSchema defaults", () => {
  it("turns an empty file into a complete config", () => {
    const config = configSchema.parse({});
    expect(config).toMatchObject({
      audit: { label: "factory:audit", auto: false },
      epics: {
        auto: false,
        minChildren: 3,
        singleEpicBelow: 5,
        themedFrom: 10,
        maxChildren: 10,
        maxBodyChars: 60000,
        branchPrefix: "epic/",
        phaseNames: { blocking: "Foundations", parallel: "Implementation", cleanup: "Cleanup" },
      },
      agents: [
        {
          name: "jules",
          trigger: { type: "label", label: "jules" },
          dailyQuota: 300,
          issueTypes: ["security", "quality", "performance", "testing", "docs", "feature"],
        },
      ],
      dispatch: {
        auto: false,
        approvalLabel: "approved",
        readiness: { requireAcceptanceCriteria: true, openQuestionsHeading: "Open questions" },
        failuresBeforeFallback: 2,
      },
      budget: { members: [], repoShare: 0.4 },
      monitor: { nudgeAttempts: 2, nudgeTimeoutHours: 24, sweepIntervalMinutes: 30, escalationLabel: "needs-intervention" },
      merge: { method: "squash", auto: true },
      commands: { permission: "write" },
      ledger: { repo: ".github", branch: "factory-ledger", directory: "factory" },
      labels: { epic: "epic", dispatched: "factory:dispatched", paused: "factory:paused", scheme: "prefixed" },
    });
    expect(config.dispatch.route).toBeUndefined();
    expect(Object.keys(config).sort()).toEqual(
      ["agents", "audit", "budget", "commands", "dispatch", "epics", "labels", "ledger", "merge", "monitor"].sort(),
    );
  });

  it.each([
    ["security", ["owasp", "injection", "auth", "xss", "csrf", "secret"]],
    ["quality", ["error handling", "complexity", "duplication"]],
    ["performance", ["slow", "n+1", "memory", "latency"]],
    ["testing", ["coverage", "test"]],
    ["docs", ["docs", "readme", "comment"]],
  ] as const)("classifies %s findings by default with %j", (type, words) => {
    expect(configSchema.parse({}).audit.keywords.type[type]).toEqual(expect.arrayContaining([...words]));
  });

  it("has a keyword list for every severity, with info counted as low", () => {
    const { severity } = configSchema.parse({}).audit.keywords;
    expect(Object.keys(severity)).toEqual(["critical", "high", "medium", "low"]);
    expect(severity.low).toContain("info");
    for (const words of Object.values(severity)) expect(words.length).toBeGreaterThan(0);
  });

  it("keeps defaults for the keys a partial section leaves out", () => {
    const config = configSchema.parse({ epics: { maxChildren: 8 }, audit: { keywords: { type: { docs: ["godoc"] } } } });
    expect(config.epics).toMatchObject({ maxChildren: 8, minChildren: 3, phaseNames: { cleanup: "Cleanup" } });
    expect(config.audit.keywords.type.docs).toEqual(["godoc"]);
    expect(config.audit.keywords.type.security).toContain("owasp");
  });

  it("accepts and drops _extends", () => {
    const config = configSchema.parse({ _extends: ".github" });
    expect(config).not.toHaveProperty("_extends");
  });
});

describe("agent presets", () => {
  it.each([
    ["jules", { type: "label", label: "jules" }],
    ["copilot", { type: "assignee", login: "Copilot" }],
    ["claude", { type: "mention", mention: "@claude" }],
    ["openhands", { type: "label", label: "fix-me" }],
  ])("%s needs only its name", (name, trigger) => {
    const [agent] = configSchema.parse({ agents: [{ name }] }).agents;
    expect(agent).toEqual({
      name,
      trigger,
      dailyQuota: 300,
      issueTypes: ["security", "quality", "performance", "testing", "docs", "feature"],
      accounts: [...(AGENT_ACCOUNTS[name] ?? [])],
      memberTokens: true,
    });
    // Each known agent names the accounts its pull requests come from.
    expect(agent?.accounts.length).toBeGreaterThan(0);
  });

  it("lets an explicit trigger replace a preset", () => {
    const [agent] = configSchema.parse({ agents: [{ name: "jules", trigger: { type: "label", label: "ai" } }] }).agents;
    expect(agent?.trigger).toEqual({ type: "label", label: "ai" });
  });

  it("accepts an unknown agent that says how it is triggered", () => {
    const trigger = { type: "mention", mention: "@helper", template: "work on {branch}" };
    const [agent] = configSchema.parse({ agents: [{ name: "helper", trigger, issueTypes: ["docs"] }] }).agents;
    expect(agent).toMatchObject({ name: "helper", trigger, issueTypes: ["docs"] });
  });

  it("allows no agents at all", () => {
    expect(configSchema.parse({ agents: [] }).agents).toEqual([]);
  });
});

describe("configSchema validation", () => {
  it.each<[string, unknown]>([
    ["route naming defined agents", { agents: [{ name: "jules" }, { name: "claude" }], dispatch: { route: ["claude", "jules"] } }],
    ["route naming the default agent", { dispatch: { route: ["jules"] } }],
    ["ledger in another owner", { ledger: { repo: "acme-ops/factory-state" } }],
    ["nested ledger directory", { ledger: { directory: "factory/ledger" } }],
    ["a bot login as member", { budget: { members: [{ login: "renovate[bot]" }] } }],
    ["repoShare at the bounds", { budget: { repoShare: 1 } }],
    ["zero quota", { budget: { members: [{ login: "octocat", dailyQuota: 0 }] } }],
    ["token env name", { agents: [{ name: "copilot", tokenEnv: "COPILOT_TOKEN_2" }] }],
    ["every merge method", { merge: { method: "rebase" } }],
    ["every permission", { commands: { permission: "triage" } }],
    ["branch prefix with folders", { epics: { branchPrefix: "factory/epic-" } }],
  ])("accepts %s", (_name, input) => {
    expect(configSchema.safeParse(input).success).toBe(true);
  });

  it.each<[string, unknown, string, string]>([
    ["a misspelt top-level key", { agnets: [] }, "", "agnets"],
    ["a misspelt nested key", { monitor: { nudgeAttempt: 3 } }, "monitor", "nudgeAttempt"],
    ["a misspelt trigger key", { agents: [{ name: "x", trigger: { type: "label", lable: "x" } }] }, "agents[0].trigger.label", "lable"],
    ["an unknown agent without trigger", { agents: [{ name: "devin" }] }, "agents[0]", "unknown agent 'devin': give it a trigger"],
    ["a duplicate agent", { agents: [{ name: "jules" }, { name: "jules" }] }, "agents[1].name", "defined twice"],
    ["an upper-case agent name", { agents: [{ name: "Jules" }] }, "agents[0].name", "lowercase"],
    ["an unknown issue type", { agents: [{ name: "jules", issueTypes: ["chores"] }] }, "agents[0].issueTypes[0]", ""],
    ["an empty issue type list", { agents: [{ name: "jules", issueTypes: [] }] }, "agents[0].issueTypes", "at least one"],
    ["a route to an undefined agent", { dispatch: { route: ["jules", "codex"] } }, "dispatch.route[1]", "unknown agent 'codex'"],
    ["an empty route", { dispatch: { route: [] } }, "dispatch.route", "at least one agent"],
    ["a classic token as tokenEnv", { agents: [{ name: "jules", tokenEnv: "ghp_abc123" }] }, "agents[0].tokenEnv", "tokens never belong in the repository"],
    ["a fine-grained token as tokenEnv", { budget: { members: [{ login: "a", tokenEnv: "github_pat_11AB" }] } }, "budget.members[0].tokenEnv", "tokens never belong in the repository"],
    ["an app token as tokenEnv", { agents: [{ name: "jules", tokenEnv: "ghs_xyz" }] }, "agents[0].tokenEnv", "tokens never belong in the repository"],
    ["a lower-case variable name", { agents: [{ name: "jules", tokenEnv: "jules_token" }] }, "agents[0].tokenEnv", "environment variable"],
    ["a negative quota", { budget: { members: [{ login: "a", dailyQuota: -1 }] } }, "budget.members[0].dailyQuota", ">=0"],
    ["a fractional quota", { agents: [{ name: "jules", dailyQuota: 2.5 }] }, "agents[0].dailyQuota", "expected int"],
    ["a duplicate member, case aside", { budget: { members: [{ login: "Octocat" }, { login: "octocat" }] } }, "budget.members[1].login", "listed twice"],
    ["repoShare above 1", { budget: { repoShare: 1.5 } }, "budget.repoShare", "between 0 and 1"],
    ["repoShare below 0", { budget: { repoShare: -0.1 } }, "budget.repoShare", "between 0 and 1"],
    ["a timezone", { budget: { timezone: "Europe/Paris" } }, "budget", "timezone"],
    ["an epic body over 60000", { epics: { maxBodyChars: 60001 } }, "epics.maxBodyChars", "60000"],
    ["more than 100 children", { epics: { maxChildren: 101 } }, "epics.maxChildren", "100"],
    ["thresholds out of order", { epics: { singleEpicBelow: 12 } }, "epics.themedFrom", "at least singleEpicBelow"],
    ["an unknown trigger type", { agents: [{ name: "x", trigger: { type: "webhook" } }] }, "agents[0].trigger.type", ""],
    ["a mention without @", { agents: [{ name: "x", trigger: { type: "mention", mention: "claude" } }] }, "agents[0].trigger.mention", "@claude"],
    ["a label over 50 characters", { labels: { epic: "e".repeat(51) } }, "labels.epic", "50"],
    ["an unknown merge method", { merge: { method: "fast-forward" } }, "merge.method", "squash"],
    ["an unknown permission", { commands: { permission: "owner" } }, "commands.permission", "admin"],
    ["a ledger directory escaping upwards", { ledger: { directory: "../secrets" } }, "ledger.directory", "relative directory"],
    ["a ledger repo with a path", { ledger: { repo: "acme/ops/ledger" } }, "ledger.repo", "owner/name"],
    ["a branch prefix with spaces", { epics: { branchPrefix: "my epics/" } }, "epics.branchPrefix", "branch name"],
    ["a sweep every minute", { monitor: { sweepIntervalMinutes: 1 } }, "monitor.sweepIntervalMinutes", ">=5"],
    ["a string where a boolean belongs", { merge: { auto: "yes" } }, "merge.auto", "expected boolean"],
    ["a list where a mapping belongs", { audit: [] }, "audit", "expected object"],
  ])("rejects %s", (_name, input, path, message) => {
    const issue = firstIssue(input);
    expect(issue.path).toBe(path);
    expect(issue.all).toContain(message);
  });

  it("never repeats a token in its message", () => {
    const issue = firstIssue({ agents: [{ name: "jules", tokenEnv: "ghp_secretvalue123" }] });
    expect(issue.all).not.toContain("secretvalue");
  });
});
