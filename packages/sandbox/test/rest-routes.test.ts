import { beforeEach, describe, expect, it } from "vitest";
import { failureOf, seedWorld, statusOf, type World } from "./sandbox-fixture.js";

/** Octokit's `request` without its types, to send what GitHub's schema forbids. */
type LooseRequest = (route: string, params: Record<string, unknown>) => Promise<unknown>;

describe("REST routes checked against GitHub's OpenAPI description", () => {
  let world: World;
  let loose: LooseRequest;
  beforeEach(() => {
    world = seedWorld();
    loose = world.octokit.request as unknown as LooseRequest;
  });

  it("answers a route GitHub does not have with 404 and records a violation", async () => {
    expect(await statusOf(world.octokit.request("GET /repos/{owner}/{repo}/epics", { owner: "acme", repo: "api" }))).toBe(404);
    expect(world.sandbox.violations).toEqual(["GET /repos/acme/api/epics: GitHub has no such route"]);
  });

  it("answers a method GitHub does not have on a real path with 404", async () => {
    expect(await statusOf(world.octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}", { owner: "acme", repo: "api", issue_number: 1 }))).toBe(404);
    expect(world.sandbox.violations).toHaveLength(1);
  });

  it.each([
    ["a title that is an object", { title: {} }],
    ["labels that are not an array", { title: "ok", labels: "bug" }],
    ["a missing title", { body: "no title" }],
  ])("rejects issues.create with %s: 422 in GitHub's shape and a violation", async (_name, body) => {
    const failure = await failureOf(loose("POST /repos/{owner}/{repo}/issues", { owner: "acme", repo: "api", ...body }));
    expect(failure.status).toBe(422);
    expect(failure.data.message).toMatch(/^Invalid request\.\n\n/);
    expect(failure.data.status).toBe("422");
    expect(failure.data.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//);
    expect(world.sandbox.violations).toHaveLength(1);
    expect(world.sandbox.violations[0]).toContain("issues/create");
    expect(world.sandbox.issues("acme", "api")).toEqual([]);
  });

  it("rejects an unknown state in issues.update and leaves the issue alone", async () => {
    const { data: issue } = await world.octokit.rest.issues.create({ owner: "acme", repo: "api", title: "t" });
    const failure = await failureOf(
      loose("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { owner: "acme", repo: "api", issue_number: issue.number, state: "resolved" }),
    );
    expect(failure.status).toBe(422);
    expect(failure.data.message).toContain(`"resolved" is not a member of ["open","closed"]`);
    expect(world.sandbox.issue("acme", "api", issue.number).state).toBe("open");
    expect(world.sandbox.violations).toHaveLength(1);
  });

  it("rejects a path parameter of the wrong type", async () => {
    expect(await statusOf(loose("GET /repos/{owner}/{repo}/issues/{issue_number}", { owner: "acme", repo: "api", issue_number: "first" }))).toBe(422);
    expect(world.sandbox.violations).toHaveLength(1);
  });

  it("answers 501 naming the operation for a real route the sandbox does not implement", async () => {
    const failure = await failureOf(world.octokit.rest.issues.listMilestones({ owner: "acme", repo: "api" }));
    expect(failure.status).toBe(501);
    expect(failure.data.message).toContain("issues/list-milestones");
    expect(world.sandbox.violations).toEqual([expect.stringContaining("issues/list-milestones")]);
  });

  it("does not count a legitimate 404 (a missing issue) as a violation", async () => {
    expect(await statusOf(world.octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 999 }))).toBe(404);
    expect(await statusOf(world.octokit.rest.repos.get({ owner: "acme", repo: "nothing-here" }))).toBe(404);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("keeps answering like GitHub but records nothing when strict mode is off", async () => {
    const lax = seedWorld({ strict: false });
    expect(await statusOf(lax.octokit.request("GET /repos/{owner}/{repo}/epics", { owner: "acme", repo: "api" }))).toBe(404);
    expect(await statusOf((lax.octokit.request as unknown as LooseRequest)("POST /repos/{owner}/{repo}/issues", { owner: "acme", repo: "api", title: {} }))).toBe(422);
    expect(lax.sandbox.violations).toEqual([]);
  });

  it("paginates lists with GitHub's link header, which Octokit can follow", async () => {
    for (let i = 1; i <= 7; i++) world.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: `issue ${i}` });
    const first = await world.octokit.rest.issues.listForRepo({ owner: "acme", repo: "api", per_page: 3 });
    expect(first.data.map((i) => i.number)).toEqual([7, 6, 5]);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain("https://api.github.com/repos/acme/api/issues?");
    const all = await world.octokit.paginate(world.octokit.rest.issues.listForRepo, { owner: "acme", repo: "api", per_page: 3, direction: "asc" });
    expect(all.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(world.sandbox.requests.rest.get("GET /repos/{owner}/{repo}/issues")).toBe(4);
  });

  it("filters issue lists by state and labels", async () => {
    const mona = world.sandbox.as("mona");
    mona.createIssue({ owner: "acme", repo: "api", title: "a", labels: ["bug", "security"] });
    mona.createIssue({ owner: "acme", repo: "api", title: "b", labels: ["bug"] });
    const c = mona.createIssue({ owner: "acme", repo: "api", title: "c", labels: ["bug", "security"] });
    mona.closeIssue({ owner: "acme", repo: "api", issue: c.number });
    const cases: [Record<string, string>, string[]][] = [
      [{}, ["b", "a"]],
      [{ labels: "bug,security" }, ["a"]],
      [{ state: "closed" }, ["c"]],
      [{ state: "all", labels: "security" }, ["c", "a"]],
    ];
    for (const [query, titles] of cases) {
      const { data } = await world.octokit.rest.issues.listForRepo({ owner: "acme", repo: "api", ...query });
      expect([query, data.map((i) => i.title)]).toEqual([query, titles]);
    }
  });

  it("counts requests by route template, with a log of method, status and actor", async () => {
    world.sandbox.requests.reset();
    await world.octokit.rest.issues.create({ owner: "acme", repo: "api", title: "one" });
    await world.octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 1 });
    await world.octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 1 });
    await statusOf(world.octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 2 }));
    const { rest, entries } = world.sandbox.requests;
    expect(rest.get("GET /repos/{owner}/{repo}/issues/{issue_number}")).toBe(3);
    expect(rest.get("POST /repos/{owner}/{repo}/issues")).toBe(1);
    expect(world.sandbox.requests.total()).toBe(5);
    expect(entries.at(-1)).toMatchObject({ method: "GET", route: "GET /repos/{owner}/{repo}/issues/{issue_number}", status: 404, actor: "factory[bot]" });
  });

  it("reports the primary rate limit on every response", async () => {
    const first = await world.octokit.rest.repos.get({ owner: "acme", repo: "api" });
    const second = await world.octokit.rest.repos.get({ owner: "acme", repo: "api" });
    expect(first.headers["x-ratelimit-limit"]).toBe("5000");
    expect(Number(first.headers["x-ratelimit-remaining"]) - Number(second.headers["x-ratelimit-remaining"])).toBe(1);
    expect(second.headers["x-ratelimit-resource"]).toBe("core");
    const { data } = await world.octokit.rest.rateLimit.get();
    expect(data.resources.core.used).toBe(Number(second.headers["x-ratelimit-used"]));
  });
});
