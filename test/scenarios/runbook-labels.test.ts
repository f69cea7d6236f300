import { afterEach, describe, expect, it } from "vitest";
import { childrenOf } from "../../src/model/epic-document.js";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { epicViews } from "../helpers/epic-views.js";

/*
 * An organisation that ran the audit runbooks by hand before it installed
 * Factory: the audits are closed, and what they produced are implementation
 * issues with the runbook's plain labels (`high`, `security`,
 * `complexity:small`, `single-file`) and `audit`, each body opening with
 * `Parent audit: #N`. `/factory epic` groups them; `/factory audit all`
 * takes none of them for an audit — with the default audit label, and with
 * the old one (`audit`) configured.
 */

/** acme/api with the automatic stages off. */
const MANUAL = "_extends: .github\n";
/** The same, keeping the audit label Factory used before `factory:audit`. */
const OLD_AUDIT_LABEL = "_extends: .github\naudit:\n  label: audit\n";

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const { issues, epics, factoryComments } = epicViews(() => h.sandbox);

async function say(body: string, issue: number): Promise<string> {
  const comment = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue, body });
  await h.settle();
  return factoryComments(issue).find((c) => c.body.includes(`factory:reply comment=${comment.id} `))?.body ?? "";
}

/** An implementation issue as the audit runbook's `gh issue create` makes it. */
function runbookIssue(params: { audit: number; title: string; severity: string; type: string; complexity: string; scope: string; file: string }): number {
  return h.sandbox.as("mona").createIssue({
    owner: "acme",
    repo: "api",
    title: params.title,
    labels: [params.severity, params.type, `complexity:${params.complexity}`, params.scope, "audit"],
    body: [
      `Parent audit: #${params.audit}`,
      "",
      "## Finding",
      "",
      `The audit found: ${params.title.replace(/^[^:]*:\s*/, "")}.`,
      "",
      "## Location",
      "",
      `- \`${params.file}:42\``,
      "",
      "## Fix",
      "",
      "Change the code so that the finding no longer holds.",
      "",
      "## Acceptance Criteria",
      "",
      "- [ ] The finding no longer holds",
      "- [ ] CI passes",
      "",
    ].join("\n"),
  }).number;
}

/** Closes the seeded audits as the runbook does once their issues exist, then opens its six implementation issues. */
function runbookRepository(): { security: number[]; quality: number[] } {
  const [webhook, coverage] = h.world.audits as [number, number];
  for (const audit of [webhook, coverage]) {
    h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: audit, body: "Implementation issues created." });
    h.sandbox.as("mona").closeIssue({ owner: "acme", repo: "api", issue: audit, reason: "completed" });
  }
  // `fix(...)` titles read as quality: the `security` label must say otherwise.
  const security = [
    runbookIssue({ audit: webhook, title: "fix(server): rate limit the webhook endpoint", severity: "high", type: "security", complexity: "small", scope: "single-file", file: "internal/server/webhook.go" }),
    runbookIssue({ audit: webhook, title: "fix(server): stop logging the signing secret", severity: "critical", type: "security", complexity: "small", scope: "single-file", file: "internal/server/log.go" }),
    runbookIssue({ audit: webhook, title: "fix(auth): check token expiry", severity: "medium", type: "security", complexity: "medium", scope: "package", file: "internal/auth/token.go" }),
  ];
  const quality = [
    runbookIssue({ audit: coverage, title: "quality(api): wrap store errors in users", severity: "low", type: "quality", complexity: "medium", scope: "package", file: "internal/api/users.go" }),
    runbookIssue({ audit: coverage, title: "quality(api): wrap store errors in orgs", severity: "low", type: "quality", complexity: "medium", scope: "package", file: "internal/api/orgs.go" }),
    runbookIssue({ audit: coverage, title: "quality(api): wrap store errors in teams", severity: "medium", type: "quality", complexity: "medium", scope: "package", file: "internal/api/teams.go" }),
  ];
  return { security, quality };
}

describe("a repository whose audits were processed by the runbooks", () => {
  it.each([
    ["the default audit label", MANUAL],
    ["the old `audit` label configured", OLD_AUDIT_LABEL],
  ])("gets epics from its plain-labelled issues and no audit run, with %s", async (_name, repoConfig) => {
    h = await startFactory({ repoConfig });
    const [webhook, coverage] = h.world.audits as [number, number];
    const { security, quality } = runbookRepository();
    const made = [...security, ...quality];
    const count = issues().length;

    // /factory audit all: none of them is an audit, so nothing is parsed, created or closed.
    const audit = await say("/factory audit all", security[0] as number);
    expect(audit).toContain("No open audit in this repository");
    expect(issues()).toHaveLength(count);
    expect(issues().filter((issue) => /factory:(finding|framework) /.test(issue.body ?? ""))).toEqual([]);
    for (const n of made) expect(h.sandbox.issue("acme", "api", n).state).toBe("open");
    // Factory said nothing on them but its answer (a report or a reading would be a second comment).
    for (const n of made) expect(factoryComments(n)).toHaveLength(n === security[0] ? 1 : 0);

    // /factory epic: one epic per theme, read from the plain labels and the Parent audit lines.
    const reply = await say("/factory epic", security[0] as number);
    const created = epics();
    expect(created.map((epic) => epic.title)).toEqual([`epic(security): 3 security issues from audit #${webhook}`, `epic(quality): 3 quality issues from audit #${coverage}`]);
    const [securityEpic, qualityEpic] = created.map((epic) => parseEpicBody(epic.body ?? ""));
    expect(childrenOf(securityEpic!).map((c) => c.number).sort((a, b) => a - b)).toEqual(security);
    expect(childrenOf(qualityEpic!).map((c) => c.number).sort((a, b) => a - b)).toEqual(quality);
    // The critical security fix (a `critical` label) comes first; the manifest keeps each child's severity and complexity.
    expect(securityEpic?.phases[0]?.children.map((c) => c.number)).toContain(security[1]);
    expect(securityEpic?.manifest?.tickets.map((t) => [t.issue, t.priority, t.complexity])).toEqual(
      expect.arrayContaining([
        [security[0], "high", "small"],
        [security[1], "critical", "small"],
        [security[2], "medium", "medium"],
      ]),
    );
    for (const epic of created) expect(reply).toContain(`created #${epic.number} with 3 children`);
    for (const n of made) expect(factoryComments(n).some((c) => c.body.startsWith("Parent: #"))).toBe(true);
  });
});
