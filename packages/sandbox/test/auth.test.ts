import { createSign, generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/manual-clock.js";
import { TestOctokit, failureOf, seedWorld, statusOf, type World } from "./sandbox-fixture.js";

function signJwt(privateKey: string, claims: Record<string, unknown>): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "RS256", typ: "JWT" })}.${encode(claims)}`;
  const signature = createSign("RSA-SHA256").update(unsigned).sign(privateKey).toString("base64url");
  return `${unsigned}.${signature}`;
}

describe("authentication", () => {
  let world: World;
  beforeAll(() => {
    world = seedWorld();
  });

  it("lets an app exchange its JWT for an installation token and act as its bot", async () => {
    const { data: app } = await world.appOctokit.rest.apps.getAuthenticated();
    expect(app?.slug).toBe("factory");
    const { data: installation } = await world.appOctokit.rest.apps.getRepoInstallation({ owner: "acme", repo: "api" });
    expect(installation.id).toBe(world.installationId);
    const { data: issue } = await world.octokit.rest.issues.create({ owner: "acme", repo: "api", title: "Made by the app" });
    expect(issue.user?.login).toBe("factory[bot]");
    expect(issue.user?.type).toBe("Bot");
    expect(world.sandbox.requests.rest.get("POST /app/installations/{installation_id}/access_tokens")).toBe(1);
    expect(world.sandbox.violations).toEqual([]);
  });

  it.each([
    ["signed with another key", () => {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
      const now = Math.floor(Date.now() / 1000);
      return signJwt(privateKey, { iss: world.app.id, iat: now - 30, exp: now + 500 });
    }],
    ["expired", () => {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(world.app.privateKey, { iss: world.app.id, iat: now - 700, exp: now - 100 });
    }],
    ["valid for more than ten minutes", () => {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(world.app.privateKey, { iss: world.app.id, iat: now, exp: now + 3600 });
    }],
    ["issued in the future", () => {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(world.app.privateKey, { iss: world.app.id, iat: now + 300, exp: now + 600 });
    }],
    ["for an unknown app", () => {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(world.app.privateKey, { iss: 999_999, iat: now - 30, exp: now + 500 });
    }],
  ])("refuses a JWT %s with 401", async (_name, makeJwt) => {
    const octokit = new TestOctokit({ auth: { token: makeJwt() }, request: { fetch: world.sandbox.fetch } });
    expect(await statusOf(octokit.rest.apps.getAuthenticated())).toBe(401);
  });

  it("refuses an unknown token with 401 Bad credentials", async () => {
    const failure = await failureOf(world.withToken("ghs_not-a-real-token").rest.issues.get({ owner: "acme", repo: "api", issue_number: 1 }));
    expect(failure.status).toBe(401);
    expect(failure.data.message).toBe("Bad credentials");
  });

  it("refuses a JWT on repository endpoints and an installation token on app endpoints", async () => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = signJwt(world.app.privateKey, { iss: world.app.id, iat: now - 30, exp: now + 500 });
    expect((await world.withToken(jwt).rest.apps.getAuthenticated()).status).toBe(200);
    expect(await statusOf(world.withToken(jwt).rest.issues.create({ owner: "acme", repo: "api", title: "no" }))).toBe(401);
    const { data } = await world.appOctokit.rest.apps.createInstallationAccessToken({ installation_id: world.installationId });
    expect(await statusOf(world.withToken(data.token).request("GET /app"))).toBe(401);
  });

  it("expires installation tokens after an hour of sandbox time", async () => {
    const clock = new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000));
    const local = seedWorld({ now: clock.now });
    const { data } = await local.appOctokit.rest.apps.createInstallationAccessToken({ installation_id: local.installationId });
    expect(Math.round((new Date(data.expires_at).getTime() - clock.now().getTime()) / 1000)).toBe(60 * 60);
    const octokit = local.withToken(data.token);
    expect((await octokit.rest.repos.get({ owner: "acme", repo: "api" })).status).toBe(200);
    clock.advance(61 * 60 * 1000);
    expect(await statusOf(octokit.rest.repos.get({ owner: "acme", repo: "api" }))).toBe(401);
  });

  it("scopes installation tokens to the installation's account", async () => {
    world.sandbox.createUser("elsewhere");
    world.sandbox.createRepo({ owner: "elsewhere", name: "private-stuff", private: true });
    expect(await statusOf(world.octokit.rest.repos.get({ owner: "elsewhere", repo: "private-stuff" }))).toBe(404);
  });

  it("acts as a member with a user token, with that member's permission", async () => {
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    const { data: issue } = await dev.rest.issues.create({ owner: "acme", repo: "api", title: "by dev" });
    expect(issue.user?.login).toBe("dev");
    const outsider = world.withToken(world.sandbox.createUserToken("outsider"));
    expect(await statusOf(outsider.rest.issues.addLabels({ owner: "acme", repo: "api", issue_number: issue.number, labels: ["x"] }))).toBe(403);
    const { data: me } = await dev.rest.users.getAuthenticated();
    expect(me.login).toBe("dev");
  });

  it("reports collaborator permissions like GitHub", async () => {
    const cases: [string, string, string][] = [
      ["mona", "admin", "admin"],
      ["dev", "write", "write"],
      ["outsider", "none", "none"],
    ];
    for (const [username, permission, role] of cases) {
      const { data } = await world.octokit.rest.repos.getCollaboratorPermissionLevel({ owner: "acme", repo: "api", username });
      expect([username, data.permission, data.role_name]).toEqual([username, permission, role]);
    }
    expect(await statusOf(world.octokit.rest.repos.getCollaboratorPermissionLevel({ owner: "acme", repo: "api", username: "ghost" }))).toBe(404);
    expect(world.sandbox.violations).toEqual([]);
  });
});
