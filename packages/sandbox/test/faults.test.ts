import { beforeEach, describe, expect, it } from "vitest";
import { failureOf, seedWorld, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;
const ADD_COMMENT = `mutation AddIt($subject: ID!, $body: String!) { addComment(input: { subjectId: $subject, body: $body }) { commentEdge { node { id } } } }`;
const REPO_NAME = `query RepoName { repository(owner: "acme", name: "api") { name } }`;

describe("injected faults", () => {
  let world: World;
  beforeEach(() => {
    world = seedWorld();
  });

  it.each([500, 502, 503, 404] as const)("answers %i for the given number of matching requests, then recovers", async (status) => {
    world.sandbox.faults.add({ route: "issues/create", status, times: 2 });
    expect((await failureOf(world.octokit.rest.issues.create({ ...at, title: "a" }))).status).toBe(status);
    expect((await failureOf(world.octokit.rest.issues.create({ ...at, title: "b" }))).status).toBe(status);
    expect((await world.octokit.rest.issues.create({ ...at, title: "c" })).status).toBe(201);
    // Nothing was created by the failed attempts.
    expect(world.sandbox.issues("acme", "api").map((i) => i.title)).toEqual(["c"]);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("affects each matching request with a chance, the same requests for the same seed", async () => {
    const outcomes = async (seed: number) => {
      const w = seedWorld();
      w.sandbox.faults.add({ route: "issues/create", status: 502, chance: 0.3, seed });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push(await w.octokit.rest.issues.create({ ...at, title: `t${i}` }).then((r) => r.status, (e: { status: number }) => e.status));
      return statuses;
    };
    const first = await outcomes(7);
    expect(first.filter((status) => status === 502).length).toBeGreaterThan(4);
    expect(first.filter((status) => status === 502).length).toBeLessThan(24);
    expect(await outcomes(7)).toEqual(first);
    expect(await outcomes(8)).not.toEqual(first);
    expect(() => world.sandbox.faults.add({ status: 500, chance: 2 })).toThrow("between 0 and 1");
  });

  it("matches by method and OpenAPI template, leaving other routes alone", async () => {
    const { data: issue } = await world.octokit.rest.issues.create({ ...at, title: "a" });
    world.sandbox.faults.add({ method: "GET", route: "/repos/{owner}/{repo}/issues/{issue_number}", status: 500 });
    expect((await failureOf(world.octokit.rest.issues.get({ ...at, issue_number: issue.number }))).status).toBe(500);
    expect((await world.octokit.rest.issues.update({ ...at, issue_number: issue.number, title: "b" })).status).toBe(200);
    world.sandbox.faults.clear();
    expect((await world.octokit.rest.issues.get({ ...at, issue_number: issue.number })).data.title).toBe("b");
  });

  it("shapes a 403 fault as a secondary rate limit with retry-after", async () => {
    world.sandbox.faults.add({ route: "issues/create-comment", status: 403, times: 1, retryAfter: 30 });
    const { data: issue } = await world.octokit.rest.issues.create({ ...at, title: "a" });
    const failure = await failureOf(world.octokit.rest.issues.createComment({ ...at, issue_number: issue.number, body: "x" }));
    expect(failure.status).toBe(403);
    expect(failure.data.message).toContain("secondary rate limit");
    expect(failure.headers["retry-after"]).toBe("30");
  });

  it("uses a custom message when given", async () => {
    world.sandbox.faults.add({ route: "repos/get", status: 503, message: "GitHub is down for maintenance" });
    expect((await failureOf(world.octokit.rest.repos.get(at))).data.message).toBe("GitHub is down for maintenance");
  });

  it("adds latency without failing", async () => {
    world.sandbox.faults.add({ route: "repos/get", latencyMs: 80, times: 1 });
    const started = Date.now();
    expect((await world.octokit.rest.repos.get(at)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });

  it.each([
    [403, 30],
    [429, 30],
    [403, false],
    [429, false],
  ] as const)("shapes a %i fault (retry-after: %s) as a secondary rate limit, over REST and GraphQL", async (status, retryAfter) => {
    const { data: issue } = await world.octokit.rest.issues.create({ ...at, title: "a" });
    world.sandbox.faults.add({ route: "issues/create-comment", status, retryAfter, times: 1 });
    world.sandbox.faults.add({ route: "graphql", operation: "mutation", status, retryAfter, times: 1 });
    const rest = await failureOf(world.octokit.rest.issues.createComment({ ...at, issue_number: issue.number, body: "x" }));
    const graphql = await failureOf(world.octokit.graphql(ADD_COMMENT, { subject: issue.node_id, body: "y" }));
    for (const failure of [rest, graphql]) {
      expect(failure.status).toBe(status);
      expect(failure.data.message).toBe("You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
      expect(failure.headers["retry-after"]).toBe(retryAfter === false ? undefined : "30");
    }
    // REST answers carry the primary limit's headers, far from exhausted: only the message says "secondary".
    expect(Number(rest.headers["x-ratelimit-remaining"])).toBeGreaterThan(0);
    // Nothing was written, and the log shows what the client saw.
    expect(world.sandbox.comments("acme", "api", issue.number)).toEqual([]);
    expect(world.sandbox.requests.entries.slice(-2).map((e) => [e.route, e.status])).toEqual([
      ["POST /repos/{owner}/{repo}/issues/{issue_number}/comments", status],
      ["POST /graphql", status],
    ]);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("applies a ghost write and answers it with the fault's 5xx, over REST", async () => {
    const { data: issue } = await world.octokit.rest.issues.create({ ...at, title: "a" });
    world.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/comments", status: 502, ghost: true, times: 1 });
    const failure = await failureOf(world.octokit.rest.issues.createComment({ ...at, issue_number: issue.number, body: "posted anyway" }));
    expect(failure.status).toBe(502);
    expect(failure.data.message).toBe("Server Error");
    // GitHub did the work: the comment is there, though the client heard 502.
    expect(world.sandbox.comments("acme", "api", issue.number).map((c) => c.body)).toEqual(["posted anyway"]);
    expect(world.sandbox.requests.entries.at(-1)).toMatchObject({ route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments", status: 502 });
    // A client that retries blindly posts it twice.
    await world.octokit.rest.issues.createComment({ ...at, issue_number: issue.number, body: "posted anyway" });
    expect(world.sandbox.comments("acme", "api", issue.number)).toHaveLength(2);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("applies a ghost issue creation: the issue exists though the answer was 503", async () => {
    world.sandbox.faults.add({ route: "issues/create", status: 503, ghost: true, times: 1 });
    expect((await failureOf(world.octokit.rest.issues.create({ ...at, title: "ghost" }))).status).toBe(503);
    expect(world.sandbox.issues("acme", "api").map((i) => i.title)).toEqual(["ghost"]);
  });

  it("applies a ghost GraphQL mutation and answers it with the fault's 5xx", async () => {
    const { data: issue } = await world.octokit.rest.issues.create({ ...at, title: "a" });
    world.sandbox.faults.add({ route: "graphql", operation: "AddIt", status: 502, ghost: true, times: 1 });
    // A fault naming an operation leaves the others alone.
    await expect(world.octokit.graphql(REPO_NAME)).resolves.toEqual({ repository: { name: "api" } });
    await expect(world.octokit.graphql(ADD_COMMENT, { subject: issue.node_id, body: "via graphql" })).rejects.toMatchObject({ status: 502 });
    expect(world.sandbox.comments("acme", "api", issue.number).map((c) => c.body)).toEqual(["via graphql"]);
    expect(world.sandbox.requests.entries.at(-1)).toMatchObject({ route: "POST /graphql", operationName: "AddIt", status: 502 });
    expect(world.sandbox.violations).toEqual([]);
  });

  it("refuses a ghost fault without a 5xx status", () => {
    expect(() => world.sandbox.faults.add({ route: "issues/create", status: 403, ghost: true })).toThrow(/5xx/);
  });

  it("faults GraphQL requests by the `graphql` route", async () => {
    world.sandbox.faults.add({ route: "graphql", status: 502, times: 1 });
    const query = `query { repository(owner: "acme", name: "api") { name } }`;
    await expect(world.octokit.graphql(query)).rejects.toMatchObject({ status: 502 });
    await expect(world.octokit.graphql(query)).resolves.toEqual({ repository: { name: "api" } });
  });
});
