import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import { applyActions } from "../../../src/github/executor/apply-actions.js";
import type { Octokit } from "../../../src/github/octokit.js";
import type { Action } from "../../../src/model/action.js";
import { detectPatterns } from "../../../src/stages/audit/detect-patterns.js";
import { parseAudit } from "../../../src/stages/audit/parse-audit.js";
import { planAudit } from "../../../src/stages/audit/plan-audit.js";

const AUDITS = new URL("../../../fixtures/audits/", import.meta.url);
const GOLDEN = new URL("../../../fixtures/golden/finding-bodies/", import.meta.url);
const KEYWORDS = configSchema.parse({}).audit.keywords;
const AUDIT_NUMBER = 42;
/** Enough to show each shape without making the golden files long. */
const PER_FIXTURE = 3;

/**
 * Fixtures of varied shapes: severity headings, a table, bracket tags,
 * labelled locations in many formats, hostile text to neutralise, another
 * language, code blocks, and the 200-finding audit.
 */
const FIXTURES = [
  "severity-headings",
  "table-sev-finding-file",
  "bracket-severity-tags",
  "location-formats",
  "hostile-content",
  "french-constats",
  "code-blocks",
  "long-200",
];

/**
 * The issues Factory opens for an audit's first findings, exactly as posted:
 * the real planner on a fresh repository, then the real executor against a
 * stand-in Octokit that records `issues.create` (which is where the marker is
 * appended to the planned body).
 */
async function postedFindingIssues(name: string): Promise<Array<{ title: string; body: string }>> {
  const findings = parseAudit(readFileSync(new URL(`${name}.md`, AUDITS), "utf8"), KEYWORDS);
  const plan = planAudit({
    audit: { number: AUDIT_NUMBER, title: `[Audit] ${name}`, state: "open" },
    findings,
    patterns: detectPatterns(findings),
    tracked: new Map(),
    frameworks: new Map(),
    labels: new Set(),
    language: "Go",
    reported: false,
  });
  const creations = plan.filter((action): action is Extract<Action, { kind: "createIssue" }> => action.kind === "createIssue");
  expect(creations.map((action) => action.marker.kind)).toEqual(findings.map(() => "finding"));
  const posted: Array<{ title: string; body: string }> = [];
  const octokit = {
    rest: {
      issues: {
        create: async (request: { title: string; body: string }) => {
          posted.push({ title: request.title, body: request.body });
          return { data: { id: posted.length, number: 100 + posted.length } };
        },
      },
    },
  } as unknown as Octokit;
  await applyActions({ octokit, repo: { owner: "acme", repo: "api" }, identity: { login: "factory[bot]" }, actions: creations.slice(0, PER_FIXTURE) });
  return posted;
}

/** One golden file: each issue under a delimiter line that names it and its title. */
function renderGolden(issues: ReadonlyArray<{ title: string; body: string }>): string {
  return issues.map((issue, index) => `======== issue ${index + 1}: ${issue.title} ========\n\n${issue.body}`).join("\n");
}

describe("the issue bodies Factory posts for audit findings", () => {
  it.each(FIXTURES)("%s", async (name) => {
    const issues = await postedFindingIssues(name);
    expect(issues).toHaveLength(PER_FIXTURE);
    // Reviewed text: `npx vitest run -u` rewrites it after a deliberate change to the renderer or the parser.
    await expect(renderGolden(issues)).toMatchFileSnapshot(new URL(`${name}.md`, GOLDEN).pathname);
  });

  // After the comparisons, so that a run with `-u` has written a new fixture's file before it is looked for.
  it("keeps exactly one golden file per chosen fixture, and no stale one", () => {
    const golden = readdirSync(GOLDEN).filter((file) => file.endsWith(".md")).map((file) => file.replace(/\.md$/, "")).sort();
    expect(golden).toEqual([...FIXTURES].sort());
  });
});
