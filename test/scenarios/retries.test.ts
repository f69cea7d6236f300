import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { SECONDARY_LIMIT_RETRIES } from "../../src/github/factory-octokit.js";
import { parseAudit } from "../../src/stages/audit/parse-audit.js";
import type { FaultSpec, RequestLogEntry } from "@factory/sandbox";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";

/**
 * Stories told with the plugins Factory runs with in production — Probot's
 * retry and throttling plugins as FactoryOctokit configures them — on virtual
 * time, against GitHub's failures as they really happen: writes applied and
 * answered 502, secondary rate limits as 403 or 429 with or without
 * `retry-after`.
 */

const BOT = "factory[bot]";
const COMMENTS = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";
const ISSUES = "POST /repos/{owner}/{repo}/issues";
const LABELS = "POST /repos/{owner}/{repo}/issues/{issue_number}/labels";
/** Copilot is assigned through REST, with the branch to start from. */
const ASSIGNEES = "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees";
const KEYWORDS = configSchema.parse({}).audit.keywords;
/** acme/api with the automatic stages off. */
const MANUAL = "_extends: .github\n";
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/audits/${name}.md`, import.meta.url), "utf8");

type SandboxIssue = { number: number; title: string; body: string | null; state: string; labels: Array<{ name: string }>; assignees?: Array<{ login: string }> };

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const issue = (n: number) => h.sandbox.issue("acme", "api", n) as unknown as SandboxIssue;
const issues = () => h.sandbox.issues("acme", "api") as unknown as SandboxIssue[];
const factoryComments = (n: number) => h.sandbox.comments("acme", "api", n).filter((c) => c.user.login === BOT);
const requests = (route: string, operationName?: string): RequestLogEntry[] =>
  h.sandbox.requests.entries.filter((e) => e.route === route && (operationName === undefined || e.operationName === operationName));
const warnings = () => h.logs.filter((line) => line.level === 40).map((line) => String(line.msg));
/** Virtual milliseconds between two logged requests. */
const gap = (from: RequestLogEntry | undefined, to: RequestLogEntry | undefined) => (to?.timestamp.getTime() ?? NaN) - (from?.timestamp.getTime() ?? NaN);

async function say(body: string, on: number, login = "mona") {
  const comment = h.sandbox.as(login).comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
  return comment;
}

/** A ready implementation issue of `type`. */
function child(type: string, what: string): number {
  return h.sandbox.as("mona").createIssue({
    owner: "acme",
    repo: "api",
    title: `${type}(api): ${what}`,
    body: `- \`internal/${what.split(" ")[0]}/x.go:1\`\n\n## Acceptance criteria\n\n- [ ] it works\n`,
    labels: [`type:${type}`, "severity:high"],
  }).number;
}

/**
 * A Copilot-routed epic of three testing issues, whose dispatch assigns each
 * through GraphQL (`FactoryAssign`) with a member's token. Returns the epic
 * and its children.
 */
async function copilotEpic(): Promise<{ epic: number; children: number[] }> {
  const env: NodeJS.ProcessEnv = {};
  h = await startFactory({
    realRetries: true,
    repoConfig: `${MANUAL}agents:\n  - name: copilot\n    issueTypes: [testing]\n`,
    // Member tokens are read only from the organisation's file.
    orgConfig: "agents:\n  - name: copilot\n    tokenEnv: COPILOT_TOKEN\nbudget:\n  members:\n    - login: mona\n",
    env,
  });
  h.sandbox.createUser("Copilot", { type: "Bot" });
  env.COPILOT_TOKEN = h.sandbox.createUserToken("mona");
  const children = ["alpha cover", "beta cover", "gamma cover"].map((what) => child("testing", what));
  await say("/factory epic", 1);
  const epic = issues().find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
  return { epic, children };
}

/** The secondary-limit answers GitHub gives, and how long a client waits after each: `retry-after`, else a minute. */
const SECONDARY_LIMITS = [
  { status: 403, retryAfter: 30, waitMs: 30_000 },
  { status: 429, retryAfter: 30, waitMs: 30_000 },
  { status: 429, retryAfter: false, waitMs: 60_000 },
] as const satisfies ReadonlyArray<Pick<FaultSpec, "status" | "retryAfter"> & { waitMs: number }>;

describe("writes GitHub applied but answered with a 5xx", () => {
  it("posts a reply GitHub applied but answered 502 exactly once", async () => {
    h = await startFactory({ realRetries: true, repoConfig: MANUAL });
    const audit = h.world.audits[0] as number;
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", status: 502, ghost: true, times: 1 });
    const command = await say("/factory help", audit);
    const replies = factoryComments(audit);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(`<!-- factory:reply comment=${command.id} -->`);
    // One POST, answered 502: the retry plugin left it alone, the executor looked, found the reply and stopped.
    expect(requests(COMMENTS).map((e) => e.status)).toEqual([502]);
    expect(h.sandbox.reactions("acme", "api", { commentId: command.id }).map((r) => r.content).sort()).toEqual(["eyes", "rocket"]);
  });

  it("creates exactly one issue per finding when an issue creation is applied but answered 502", async () => {
    h = await startFactory({ realRetries: true, repoConfig: MANUAL });
    const body = fixture("table-issue-location-priority");
    const audit = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "[Audit] Notify service", body }).number;
    await h.settle();
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues", status: 502, ghost: true, after: 2, times: 1 });
    await say("/factory audit", audit);
    const expected = parseAudit(body, KEYWORDS).map((finding) => finding.title);
    const made = issues().filter((i) => (i.body ?? "").includes("factory:finding "));
    expect(made.map((i) => i.title).sort()).toEqual([...expected].sort());
    expect(new Set(made.map((i) => i.title)).size).toBe(expected.length);
    // Each finding was POSTed once; the third was answered 502 though it landed.
    expect(requests(ISSUES).map((e) => e.status)).toEqual(expected.map((_, i) => (i === 2 ? 502 : 201)));
    expect(issue(audit).state).toBe("closed");
    expect(factoryComments(audit).filter((c) => c.body.includes("factory:audit-report"))).toHaveLength(1);
    expect(factoryComments(audit).some((c) => c.body.includes("factory:error"))).toBe(false);
  });

  it("lets the retry plugin repeat a label GitHub answered 502, which then lands", async () => {
    h = await startFactory({ realRetries: true, repoConfig: MANUAL });
    const a = child("docs", "fix typo");
    const b = child("docs", "fix link");
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/labels", status: 502, times: 1 });
    await say("/factory epic", h.world.audits[0] as number);
    for (const n of [a, b]) expect(issue(n).labels.map((l) => l.name)).toContain("factory:direct");
    const labelled = requests(LABELS);
    expect(labelled.map((e) => e.status)).toEqual([502, 200, 200]);
    // The retry plugin's first wait is a second.
    expect(gap(labelled[0], labelled[1])).toBeGreaterThanOrEqual(1_000);
  });
});

describe("secondary rate limits", () => {
  it.each(SECONDARY_LIMITS)("waits out a $status (retry-after: $retryAfter) on a reply, then posts it once", async ({ status, retryAfter, waitMs }) => {
    h = await startFactory({ realRetries: true, repoConfig: MANUAL });
    const audit = h.world.audits[0] as number;
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", status, retryAfter, times: 1 });
    const command = await say("/factory help", audit);
    const replies = factoryComments(audit);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(`<!-- factory:reply comment=${command.id} -->`);
    const posted = requests(COMMENTS);
    expect(posted.map((e) => e.status)).toEqual([status, 201]);
    expect(gap(posted[0], posted[1])).toBeGreaterThanOrEqual(waitMs);
    expect(warnings()).toContain(
      `GitHub's secondary rate limit on POST /repos/{owner}/{repo}/issues/{issue_number}/comments: retrying in ${waitMs / 1000} s (retry 1 of ${SECONDARY_LIMIT_RETRIES})`,
    );
  });

  it.each(SECONDARY_LIMITS)("waits out a $status (retry-after: $retryAfter) on Copilot's assignment, then assigns once", async ({ status, retryAfter, waitMs }) => {
    const { epic, children: made } = await copilotEpic();
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/assignees", status, retryAfter, times: 1 });
    await say("/factory dispatch next", epic);
    for (const n of made) expect(issue(n).assignees?.map((a) => a.login)).toEqual(["Copilot"]);
    const assigned = requests(ASSIGNEES);
    expect(assigned.map((e) => e.status)).toEqual([status, 201, 201, 201]);
    expect(gap(assigned[0], assigned[1])).toBeGreaterThanOrEqual(waitMs);
    expect(warnings()).toContain(`GitHub's secondary rate limit on POST /repos/{owner}/{repo}/issues/{issue_number}/assignees: retrying in ${waitMs / 1000} s (retry 1 of ${SECONDARY_LIMIT_RETRIES})`);
  });

  it("gives up on a secondary limit that does not lift after a bounded number of waits, and says so", async () => {
    const { epic, children } = await copilotEpic();
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/assignees", status: 429, retryAfter: false, times: SECONDARY_LIMIT_RETRIES + 1 });
    const command = await say("/factory dispatch next", epic);
    const assigned = requests(ASSIGNEES);
    // The first try, then one after each minute's wait; the retry plugin leaves rate limits alone, so nothing more
    // for the first child. The other two are assigned.
    expect(assigned.map((e) => e.status)).toEqual([...Array<number>(SECONDARY_LIMIT_RETRIES + 1).fill(429), 201, 201]);
    expect(gap(assigned[0], assigned[SECONDARY_LIMIT_RETRIES])).toBeGreaterThanOrEqual(SECONDARY_LIMIT_RETRIES * 60_000);
    expect(warnings()).toContain(`GitHub's secondary rate limit on POST /repos/{owner}/{repo}/issues/{issue_number}/assignees: giving up after ${SECONDARY_LIMIT_RETRIES} retries`);
    expect(issue(children[0] as number).assignees ?? []).toEqual([]);
    // The dispatch carries on with the others and says which one waits for the next run.
    expect(issue(children[1] as number).assignees?.map((a) => a.login)).toEqual(["Copilot"]);
    const reply = factoryComments(epic).find((c) => c.body.includes(`comment=${command.id}`))?.body ?? "";
    expect(reply).toContain("Paid for but not handed over");
    expect(reply).toContain(`- #${children[0]}: Could not assignAgent (trigger:acme/api#${children[0]}:1): GitHub answered 429 (secondary rate limit; retry in a few minutes)`);
  });
});
