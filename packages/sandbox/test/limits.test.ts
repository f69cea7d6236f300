import { beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/manual-clock.js";
import { failureOf, seedWorld, statusOf, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;
const ADD_COMMENT = `mutation AddIt($subject: ID!, $body: String!) { addComment(input: { subjectId: $subject, body: $body }) { commentEdge { node { id } } } }`;
const SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
/** Branches opened for pull requests so far, to name the next one. */
let branches = 0;

describe("GitHub's limits", () => {
  let clock: ManualClock;
  let world: World;
  beforeEach(() => {
    clock = new ManualClock();
    world = seedWorld({ now: clock.now });
  });

  it.each([
    ["an issue body", (body: string) => world.octokit.rest.issues.create({ ...at, title: "long", body })],
    ["a comment", async (body: string) => {
      const { data } = await world.octokit.rest.issues.create({ ...at, title: "short" });
      return world.octokit.rest.issues.createComment({ ...at, issue_number: data.number, body });
    }],
  ])("accepts 65,536 characters in %s and refuses 65,537 with 422", async (_what, write) => {
    await expect(write("x".repeat(65_536))).resolves.toMatchObject({ status: 201 });
    const failure = await failureOf(write("x".repeat(65_537)));
    expect(failure.status).toBe(422);
    expect(JSON.stringify(failure.data.errors)).toContain("body is too long (maximum is 65536 characters)");
    // A limit GitHub enforces is not a schema violation.
    expect(world.sandbox.violations).toEqual([]);
  });

  it.each([
    ["creating an issue", (title: string) => world.octokit.rest.issues.create({ ...at, title })],
    ["editing an issue", async (title: string) => {
      const { data } = await world.octokit.rest.issues.create({ ...at, title: "short" });
      return world.octokit.rest.issues.update({ ...at, issue_number: data.number, title });
    }],
    ["opening a pull request", (title: string) => {
      const branch = `title-${(branches += 1)}`;
      world.sandbox.as("dev").pushCommit({ ...at, branch, files: { [`${branch}.txt`]: "x" } });
      return world.octokit.rest.pulls.create({ ...at, head: branch, base: "main", title });
    }],
    ["editing a pull request", async (title: string) => {
      const branch = `title-${(branches += 1)}`;
      world.sandbox.as("dev").pushCommit({ ...at, branch, files: { [`${branch}.txt`]: "x" } });
      const { data } = await world.octokit.rest.pulls.create({ ...at, head: branch, base: "main", title: "short" });
      return world.octokit.rest.pulls.update({ ...at, pull_number: data.number, title });
    }],
  ])("accepts a 256-character title when %s and refuses 257 with GitHub's 422", async (_what, write) => {
    await expect(write("t".repeat(256))).resolves.toMatchObject({ status: expect.any(Number) });
    const failure = await failureOf(write("t".repeat(257)));
    expect(failure.status).toBe(422);
    expect(failure.data).toMatchObject({ message: "Validation Failed" });
    expect(failure.data.errors).toEqual([
      { resource: expect.stringMatching(/^(Issue|PullRequest)$/), code: "custom", field: "title", message: "title is too long (maximum is 256 characters)" },
    ]);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("refuses a too-long pull request title before changing its base", async () => {
    world.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "f.txt": "x" } });
    world.sandbox.as("dev").pushCommit({ ...at, branch: "other-base", files: { "o.txt": "x" } });
    const { data } = await world.octokit.rest.pulls.create({ ...at, head: "feature", base: "main", title: "short" });
    expect(await statusOf(world.octokit.rest.pulls.update({ ...at, pull_number: data.number, base: "other-base", title: "t".repeat(257) }))).toBe(422);
    const { data: after } = await world.octokit.rest.pulls.get({ ...at, pull_number: data.number });
    expect([after.base.ref, after.title]).toEqual(["main", "short"]);
  });

  it("counts a title's characters, not UTF-16 units", async () => {
    await expect(world.octokit.rest.issues.create({ ...at, title: "🚀".repeat(256) })).resolves.toMatchObject({ status: 201 });
  });

  it("counts characters, not UTF-16 units", async () => {
    const emoji = "🚀".repeat(65_536);
    await expect(world.octokit.rest.issues.create({ ...at, title: "rockets", body: emoji })).resolves.toMatchObject({ status: 201 });
  });

  it("refuses the 101st sub-issue of a parent, counting closed ones", async () => {
    const mona = world.sandbox.as("mona");
    const parent = mona.createIssue({ ...at, title: "epic" });
    for (let i = 0; i < 100; i++) {
      const child = mona.createIssue({ ...at, title: `child ${i}` });
      if (i % 10 === 0) mona.closeIssue({ ...at, issue: child.number });
      await world.octokit.rest.issues.addSubIssue({ ...at, issue_number: parent.number, sub_issue_id: child.id });
    }
    const extra = mona.createIssue({ ...at, title: "one too many" });
    const failure = await failureOf(world.octokit.rest.issues.addSubIssue({ ...at, issue_number: parent.number, sub_issue_id: extra.id }));
    expect(failure.status).toBe(422);
    expect(JSON.stringify(failure.data.errors)).toContain("more than 100 sub-issues");
    const children = await world.octokit.paginate(world.octokit.rest.issues.listSubIssues, { ...at, issue_number: parent.number, per_page: 100 });
    expect(children).toHaveLength(100);
  });

  it.each([
    ["a cycle", (p: number, c: { number: number; id: number }, ids: Record<string, number>) => ({ parent: c.number, child: ids[p] as number })],
    ["itself", (p: number, _c: { number: number; id: number }, ids: Record<string, number>) => ({ parent: p, child: ids[p] as number })],
  ])("refuses a sub-issue link making %s", async (_name, link) => {
    const mona = world.sandbox.as("mona");
    const parent = mona.createIssue({ ...at, title: "parent" });
    const child = mona.createIssue({ ...at, title: "child" });
    await world.octokit.rest.issues.addSubIssue({ ...at, issue_number: parent.number, sub_issue_id: child.id });
    const { parent: p, child: c } = link(parent.number, child, { [parent.number]: parent.id });
    expect(await statusOf(world.octokit.rest.issues.addSubIssue({ ...at, issue_number: p, sub_issue_id: c }))).toBe(422);
  });

  it("gives a sub-issue one parent unless replace_parent is set", async () => {
    const mona = world.sandbox.as("mona");
    const [a, b, child] = ["a", "b", "child"].map((title) => mona.createIssue({ ...at, title }));
    if (!a || !b || !child) throw new Error("seed failed");
    await world.octokit.rest.issues.addSubIssue({ ...at, issue_number: a.number, sub_issue_id: child.id });
    expect(await statusOf(world.octokit.rest.issues.addSubIssue({ ...at, issue_number: b.number, sub_issue_id: child.id }))).toBe(422);
    await world.octokit.rest.issues.addSubIssue({ ...at, issue_number: b.number, sub_issue_id: child.id, replace_parent: true });
    const { data: parent } = await world.octokit.rest.issues.getParent({ ...at, issue_number: child.number });
    expect(parent.number).toBe(b.number);
  });

  it("trips the secondary rate limit after 80 creations in a minute, with retry-after, and recovers", async () => {
    world.sandbox.setSecondaryRateLimits(true);
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    for (let i = 0; i < 80; i++) {
      await dev.rest.issues.create({ ...at, title: `burst ${i}` });
      clock.advance(100);
    }
    const failure = await failureOf(dev.rest.issues.create({ ...at, title: "one more" }));
    expect(failure.status).toBe(403);
    expect(failure.data.message).toBe("You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
    expect(Number(failure.headers["retry-after"])).toBeGreaterThan(0);
    // Reads are not content creation.
    expect((await dev.rest.issues.get({ ...at, issue_number: 1 })).status).toBe(200);
    // Another identity has its own budget.
    expect((await world.octokit.rest.issues.create({ ...at, title: "the app" })).status).toBe(201);
    clock.advance(Number(failure.headers["retry-after"]) * 1000);
    expect((await dev.rest.issues.create({ ...at, title: "after the wait" })).status).toBe(201);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("trips the hourly secondary limit at 500 creations", async () => {
    world.sandbox.setSecondaryRateLimits(true);
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    const { data: issue } = await dev.rest.issues.create({ ...at, title: "target" });
    for (let i = 1; i < 500; i++) {
      await dev.rest.issues.createComment({ ...at, issue_number: issue.number, body: `c${i}` });
      clock.advance(1_000);
    }
    const failure = await failureOf(dev.rest.issues.createComment({ ...at, issue_number: issue.number, body: "501st" }));
    expect(failure.status).toBe(403);
    expect(Number(failure.headers["retry-after"])).toBeGreaterThan(60);
  });

  it("counts GraphQL mutations against the same creation windows as REST writes, and answers them with 403", async () => {
    world.sandbox.setSecondaryRateLimits(true);
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    const { data: issue } = await dev.rest.issues.create({ ...at, title: "target" });
    for (let i = 1; i < 80; i++) {
      // Half of the minute's creations through each API.
      if (i % 2 === 0) await dev.graphql(ADD_COMMENT, { subject: issue.node_id, body: `g${i}` });
      else await dev.rest.issues.createComment({ ...at, issue_number: issue.number, body: `r${i}` });
      clock.advance(100);
    }
    const mutation = await failureOf(dev.graphql(ADD_COMMENT, { subject: issue.node_id, body: "one more" }));
    expect(mutation.status).toBe(403);
    expect(mutation.data).toMatchObject({ message: SECONDARY, documentation_url: expect.stringContaining("graphql") });
    expect(Number(mutation.headers["retry-after"])).toBeGreaterThan(0);
    expect((await failureOf(dev.rest.issues.createComment({ ...at, issue_number: issue.number, body: "rest too" }))).status).toBe(403);
    // Queries are not creations.
    await expect(dev.graphql(`query { repository(owner: "acme", name: "api") { name } }`)).resolves.toEqual({ repository: { name: "api" } });
    expect(world.sandbox.comments("acme", "api", issue.number)).toHaveLength(79);
    clock.advance(Number(mutation.headers["retry-after"]) * 1000);
    await dev.graphql(ADD_COMMENT, { subject: issue.node_id, body: "after the wait" });
    expect(world.sandbox.comments("acme", "api", issue.number).at(-1)?.body).toBe("after the wait");
    expect(world.sandbox.violations).toEqual([]);
  });

  it.each([
    { status: 429, retryAfter: true },
    { status: 429, retryAfter: false },
    { status: 403, retryAfter: false },
  ] as const)("answers a secondary limit with $status, retry-after $retryAfter, when configured so", async (response) => {
    world = seedWorld({ now: clock.now, secondaryRateLimits: true, secondaryRateLimitResponse: response });
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    const { data: issue } = await dev.rest.issues.create({ ...at, title: "target" });
    for (let i = 1; i < 80; i++) await dev.rest.issues.createComment({ ...at, issue_number: issue.number, body: `c${i}` });
    const rest = await failureOf(dev.rest.issues.createComment({ ...at, issue_number: issue.number, body: "refused" }));
    const graphql = await failureOf(dev.graphql(ADD_COMMENT, { subject: issue.node_id, body: "refused" }));
    for (const failure of [rest, graphql]) {
      expect(failure.status).toBe(response.status);
      expect(failure.data.message).toBe(SECONDARY);
      if (response.retryAfter) expect(Number(failure.headers["retry-after"])).toBeGreaterThan(0);
      else expect(failure.headers["retry-after"]).toBeUndefined();
    }
    // Without retry-after a client falls back on x-ratelimit-reset or a minute; the primary headers are still there.
    expect(rest.headers["x-ratelimit-reset"]).toMatch(/^\d+$/);
    expect(world.sandbox.requests.entries.slice(-2).map((e) => e.status)).toEqual([response.status, response.status]);
    expect(world.sandbox.comments("acme", "api", issue.number)).toHaveLength(79);
    clock.advance(60_000);
    expect((await dev.rest.issues.createComment({ ...at, issue_number: issue.number, body: "later" })).status).toBe(201);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("does not enforce secondary limits unless switched on", async () => {
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    for (let i = 0; i < 85; i++) await dev.rest.issues.create({ ...at, title: `n${i}` });
    expect(world.sandbox.issues("acme", "api")).toHaveLength(85);
  });

  it("stops an identity at 5,000 requests an hour until the window resets", async () => {
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    let last = await dev.rest.repos.get(at);
    for (let i = 1; i < 5_000; i++) last = await dev.rest.repos.get(at);
    expect(last.headers["x-ratelimit-remaining"]).toBe("0");
    const failure = await failureOf(dev.rest.repos.get(at));
    expect(failure.status).toBe(403);
    expect(failure.data.message).toMatch(/^API rate limit exceeded/);
    clock.advance(60 * 60 * 1000);
    expect((await dev.rest.repos.get(at)).headers["x-ratelimit-remaining"]).toBe("4999");
  });
});
