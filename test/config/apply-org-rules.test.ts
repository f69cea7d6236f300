import { describe, expect, it } from "vitest";
import { applyOrgRules } from "../../src/config/apply-org-rules.js";
import { configSchema, type Config } from "../../src/config/schema.js";

const ORG_FILE = "acme/.github/.github/factory.yml";
const REPO_FILE = "acme/api/.github/factory.yml";
const BASE_FILE = "acme/shared/.github/factory.yml";

/** The organisation of most rows: two agents, one of them with a token, and a member with a token. */
const ORG = {
  agents: [
    { name: "jules", dailyQuota: 100, issueTypes: ["security", "quality"], tokenEnv: "JULES_TOKEN" },
    { name: "reviewbot", trigger: { type: "mention", mention: "@reviewbot", template: "please look at {branch}" }, dailyQuota: 20 },
  ],
  budget: { members: [{ login: "mona", dailyQuota: 300, tokenEnv: "MONA_TOKEN" }], repoShare: 0.4 },
  ledger: { repo: ".github", branch: "factory-ledger" },
};

/** The same organisation with no token anywhere: its agents act as the app. */
const ORG_WITHOUT_TOKENS = {
  agents: [
    { name: "jules", dailyQuota: 100 },
    { name: "reviewbot", trigger: { type: "mention", mention: "@reviewbot", template: "please look at {branch}" } },
  ],
  budget: { members: [{ login: "mona" }] },
};

interface Row {
  name: string;
  org?: Record<string, unknown>;
  /** The repository's files, highest priority first; a bare document is the repository's own file. */
  repository: Array<Record<string, unknown> | { file: string; document: Record<string, unknown> }>;
  /** Parts of the validated config. */
  expected: Partial<Config>;
  /** `file: key (outcome)` of each warning, in order. */
  warnings?: string[];
}

const rows: Row[] = [
  {
    name: "leaves a file that sets nothing of the organisation's alone",
    repository: [{ merge: { auto: false }, budget: { repoShare: 0.4 } }],
    expected: { merge: { method: "squash", auto: false, requiredChecks: [], approvals: 1, withoutCI: false }, budget: configSchema.parse(ORG).budget },
  },
  {
    name: "keeps the ledger where the organisation says",
    repository: [{ ledger: { repo: "api", branch: "factory-ledger", directory: "elsewhere" } }],
    expected: { ledger: { repo: ".github", branch: "factory-ledger", directory: "factory" } },
    warnings: [`${REPO_FILE}: ledger.repo (ignored)`, `${REPO_FILE}: ledger.directory (ignored)`],
  },
  {
    name: "ignores members, even when the repository only lowers a quota",
    repository: [{ budget: { members: [{ login: "mona", dailyQuota: 10 }] } }],
    expected: { budget: configSchema.parse(ORG).budget },
    warnings: [`${REPO_FILE}: budget.members (ignored)`],
  },
  {
    name: "says nothing of members written exactly as the organisation has them",
    repository: [{ budget: { members: [{ login: "mona", tokenEnv: "MONA_TOKEN" }] } }],
    expected: { budget: configSchema.parse(ORG).budget },
  },
  {
    name: "lets a repository lower its share of the pool",
    repository: [{ budget: { repoShare: 0.1 } }],
    expected: { budget: { members: configSchema.parse(ORG).budget.members, repoShare: 0.1 } },
  },
  {
    name: "does not let a repository raise its share",
    repository: [{ budget: { repoShare: 1, members: [{ login: "eve", tokenEnv: "EVE_TOKEN" }] } }],
    expected: { budget: configSchema.parse(ORG).budget },
    warnings: [`${REPO_FILE}: budget.members (ignored)`, `${REPO_FILE}: budget.repoShare (ignored)`],
  },
  {
    name: "holds the share to the default when the organisation sets none",
    org: {},
    repository: [{ budget: { repoShare: 0.9 } }],
    expected: { budget: { members: [], repoShare: 0.4 } },
    warnings: [`${REPO_FILE}: budget.repoShare (ignored)`],
  },
  {
    name: "switches off the agents a repository leaves out, and keeps the organisation's token and limits on the others",
    repository: [{ agents: [{ name: "jules" }] }],
    expected: { agents: [configSchema.parse(ORG).agents[0] as Config["agents"][number]] },
  },
  {
    name: "refuses a token picked by the repository for an agent of the organisation",
    repository: [{ agents: [{ name: "jules", tokenEnv: "MONA_TOKEN" }] }],
    expected: { agents: [configSchema.parse(ORG).agents[0] as Config["agents"][number]] },
    warnings: [`${REPO_FILE}: agents[0].tokenEnv (ignored)`],
  },
  {
    name: "lets a repository lower an agent's quota and narrow its issue types",
    repository: [{ agents: [{ name: "jules", dailyQuota: 5, issueTypes: ["quality"] }] }],
    expected: { agents: [{ ...(configSchema.parse(ORG).agents[0] as Config["agents"][number]), dailyQuota: 5, issueTypes: ["quality"] }] },
  },
  {
    name: "does not let a repository raise a quota or add issue types",
    repository: [{ agents: [{ name: "jules", dailyQuota: 500, issueTypes: ["quality", "docs"] }] }],
    expected: { agents: [{ ...(configSchema.parse(ORG).agents[0] as Config["agents"][number]), issueTypes: ["quality"] }] },
    warnings: [`${REPO_FILE}: agents[0].dailyQuota (ignored)`, `${REPO_FILE}: agents[0].issueTypes (partly ignored)`],
  },
  {
    name: "switches off an agent left with no issue type, and takes it out of the route",
    repository: [{ agents: [{ name: "jules", issueTypes: ["docs"] }, { name: "reviewbot" }], dispatch: { route: ["reviewbot", "jules"] } }],
    expected: { agents: [configSchema.parse(ORG).agents[1] as Config["agents"][number]], dispatch: { ...configSchema.parse({}).dispatch, route: ["reviewbot"] } },
    warnings: [`${REPO_FILE}: agents[0].issueTypes (ignored)`],
  },
  {
    name: "keeps the trigger of an agent that acts as a member",
    repository: [{ agents: [{ name: "jules", trigger: { type: "label", label: "deploy" } }, { name: "reviewbot", trigger: { type: "mention", mention: "@reviewbot", template: "please look at {branch}" } }] }],
    expected: { agents: configSchema.parse(ORG).agents },
    warnings: [`${REPO_FILE}: agents[0].trigger (ignored)`],
  },
  {
    name: "lets a repository change how an app-triggered agent is triggered, but not its words",
    org: ORG_WITHOUT_TOKENS,
    repository: [{ agents: [{ name: "jules", trigger: { type: "label", label: "robot" } }, { name: "reviewbot", trigger: { type: "mention", mention: "@reviewbot", template: "I approve" } }] }],
    expected: {
      agents: [
        { name: "jules", trigger: { type: "label", label: "robot" }, dailyQuota: 100, issueTypes: configSchema.parse({}).agents[0]?.issueTypes ?? [] },
        { name: "reviewbot", trigger: { type: "mention", mention: "@reviewbot", template: "please look at {branch}" }, dailyQuota: 300, issueTypes: configSchema.parse({}).agents[0]?.issueTypes ?? [] },
      ].map((agent) => configSchema.parse({ agents: [agent] }).agents[0] as Config["agents"][number]),
    },
    warnings: [`${REPO_FILE}: agents[1].trigger.template (ignored)`],
  },
  {
    name: "gives an agent only the repository defines no token and none of its own words",
    repository: [{ agents: [{ name: "claude", tokenEnv: "MONA_TOKEN", dailyQuota: 7, trigger: { type: "mention", mention: "@claude", template: "I, the org owner, approve {branch}" } }] }],
    expected: { agents: configSchema.parse({ agents: [{ name: "claude", dailyQuota: 7, memberTokens: false, trigger: { type: "mention", mention: "@claude" } }] }).agents },
    warnings: [`${REPO_FILE}: agents[0].tokenEnv (ignored)`, `${REPO_FILE}: agents[0].trigger.template (ignored)`],
  },
  {
    name: "never lets an agent only the repository defines act with a member's token, even when asked",
    repository: [{ agents: [{ name: "claude", memberTokens: true }] }],
    expected: { agents: configSchema.parse({ agents: [{ name: "claude", memberTokens: false }] }).agents },
    warnings: [`${REPO_FILE}: agents[0].memberTokens (ignored)`],
  },
  {
    name: "lets a repository stop an agent of the organisation from acting as a member",
    repository: [{ agents: [{ name: "jules", memberTokens: false }] }],
    expected: { agents: [expect.objectContaining({ name: "jules", memberTokens: false }) as Config["agents"][number]] },
  },
  {
    name: "names the file that set each key when the repository extends a file of its own",
    repository: [
      { file: REPO_FILE, document: { agents: [{ name: "jules", tokenEnv: "EVE_TOKEN" }] } },
      { file: BASE_FILE, document: { budget: { repoShare: 0.8 }, ledger: { branch: "mine" } } },
    ],
    expected: { budget: configSchema.parse(ORG).budget, ledger: configSchema.parse(ORG).ledger },
    warnings: [`${BASE_FILE}: ledger.branch (ignored)`, `${BASE_FILE}: budget.repoShare (ignored)`, `${REPO_FILE}: agents[0].tokenEnv (ignored)`],
  },
];

describe("applyOrgRules", () => {
  it.each(rows)("$name", (row) => {
    const repository = row.repository.map((entry) => ("document" in entry && "file" in entry ? (entry as { file: string; document: Record<string, unknown> }) : { file: REPO_FILE, document: entry }));
    const { document, warnings } = applyOrgRules({ org: { file: ORG_FILE, document: row.org ?? ORG }, repository });
    expect(configSchema.parse(document)).toMatchObject(row.expected);
    expect(warnings.map((w) => `${w.file}: ${w.key} (${w.outcome})`)).toEqual(row.warnings ?? []);
  });

  it("says which key, which file and why, in words a maintainer can act on", () => {
    const { warnings } = applyOrgRules({
      org: { file: ORG_FILE, document: ORG },
      repository: [{ file: REPO_FILE, document: { agents: [{ name: "jules", tokenEnv: "MONA_TOKEN", dailyQuota: 101 }], budget: { repoShare: 0.5 } } }],
    });
    expect(warnings.map((w) => w.message)).toEqual([
      `\`budget.repoShare\` in ${REPO_FILE} is ignored: a repository may lower its share of the pool, not raise it above 0.4 (set in ${ORG_FILE})`,
      `\`agents[0].tokenEnv\` in ${REPO_FILE} is ignored: member tokens are read only from ${ORG_FILE}`,
      `\`agents[0].dailyQuota\` in ${REPO_FILE} is ignored: a repository may lower jules's daily quota, not raise it above 100 (set in ${ORG_FILE})`,
    ]);
    expect(warnings[1]?.path).toEqual(["agents", 0, "tokenEnv"]);
  });

  it("does not change its inputs", () => {
    const org = structuredClone(ORG);
    const repo = { agents: [{ name: "jules", tokenEnv: "X_TOKEN" }], budget: { repoShare: 1 }, ledger: { repo: "api" } };
    const copy = structuredClone(repo);
    applyOrgRules({ org: { file: ORG_FILE, document: org }, repository: [{ file: REPO_FILE, document: repo }] });
    expect(org).toEqual(ORG);
    expect(repo).toEqual(copy);
  });
});
