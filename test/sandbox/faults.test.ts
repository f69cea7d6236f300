import { beforeEach, describe, expect, it } from "vitest";
import { failureOf, seedWorld, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;

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

  it("faults GraphQL requests by the `graphql` route", async () => {
    world.sandbox.faults.add({ route: "graphql", status: 502, times: 1 });
    const query = `query { repository(owner: "acme", name: "api") { name } }`;
    await expect(world.octokit.graphql(query)).rejects.toMatchObject({ status: 502 });
    await expect(world.octokit.graphql(query)).resolves.toEqual({ repository: { name: "api" } });
  });
});
