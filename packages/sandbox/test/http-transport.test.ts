import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListeningAddress } from "../src/http-server.js";
import { TestOctokit, seedWorld, statusOf, type World } from "./sandbox-fixture.js";

describe("the loopback HTTP transport", () => {
  let world: World;
  let address: ListeningAddress;

  beforeAll(async () => {
    world = seedWorld();
    address = await world.sandbox.listen();
  });

  afterAll(async () => {
    await world.sandbox.close();
  });

  it("listens on 127.0.0.1 with REST under /api/v3", () => {
    expect(address.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(address.apiUrl).toBe(`${address.url}/api/v3`);
  });

  it("serves a real Octokit doing the JWT → installation token flow", async () => {
    const octokit = new TestOctokit({
      baseUrl: address.apiUrl,
      auth: { appId: world.app.id, privateKey: world.app.privateKey, installationId: world.installationId },
    });
    const { data: issue } = await octokit.rest.issues.create({ owner: "acme", repo: "api", title: "over http" });
    expect(issue.user?.login).toBe("factory[bot]");
    const { data: raw } = await octokit.rest.repos.getContent({ owner: "acme", repo: "api", path: "docs/guide.md", mediaType: { format: "raw" } });
    expect(raw).toBe("# Guide\n");
    expect(world.sandbox.requests.rest.get("POST /app/installations/{installation_id}/access_tokens")).toBeGreaterThanOrEqual(1);
  });

  it("points pagination links back at the loopback server", async () => {
    const octokit = new TestOctokit({ baseUrl: address.apiUrl, auth: { token: world.sandbox.createUserToken("mona") } });
    for (let i = 0; i < 4; i++) world.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: `p${i}` });
    const page = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "api", per_page: 2 });
    expect(page.headers.link).toContain(`${address.apiUrl}/repos/acme/api/issues?`);
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { owner: "acme", repo: "api", per_page: 2 });
    expect(all.length).toBeGreaterThanOrEqual(4);
  });

  it("serves GraphQL at /api/graphql", async () => {
    const octokit = new TestOctokit({ baseUrl: address.apiUrl, auth: { token: world.sandbox.createUserToken("mona") } });
    const result = await octokit.graphql<{ repository: { name: string } }>(`query Repo { repository(owner: "acme", name: "api") { name } }`);
    expect(result.repository.name).toBe("api");
    expect(world.sandbox.requests.graphql.get("Repo")?.count).toBe(1);
  });

  it("answers unauthenticated and unknown requests like GitHub", async () => {
    const anonymous = new TestOctokit({ baseUrl: address.apiUrl });
    expect((await anonymous.rest.repos.get({ owner: "acme", repo: "api" })).status).toBe(200);
    expect(await statusOf(anonymous.rest.issues.create({ owner: "acme", repo: "api", title: "x" }))).toBe(401);
    const response = await fetch(`${address.url}/api/v3/not/a/route`);
    expect(response.status).toBe(404);
  });
});

describe("the in-process transport", () => {
  it("accepts GHES-style URLs on any host and refuses anything else", async () => {
    const world = seedWorld();
    const ghes = await world.sandbox.fetch("https://ghe.example/api/v3/repos/acme/api");
    expect(ghes.status).toBe(200);
    await expect(world.sandbox.fetch("https://example.com/repos/acme/api")).rejects.toThrow(/only answers GitHub API URLs/);
  });
});
