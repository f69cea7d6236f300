import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { seedDemo, type DemoWorld } from "../../demo/seed-demo.js";
import { PROBOT_BIN, startAppProcess, type AppProcess } from "../../demo/start-app-process.js";
import { waitFor } from "../../demo/wait-for.js";
import { Sandbox } from "@factory/sandbox";

/**
 * The real thing: `probot run` in its own process, authenticating with a JWT
 * and an installation token against the sandbox's loopback HTTP server, and
 * receiving signed webhooks over HTTP.
 */
describe("the app process against the sandbox over loopback HTTP", () => {
  let sandbox: Sandbox;
  let world: DemoWorld;
  let app: AppProcess;

  beforeAll(async () => {
    sandbox = new Sandbox({ profile: "production", mergeabilityDelayMs: 0 });
    world = seedDemo(sandbox);
    const { url } = await sandbox.listen();
    app = await startAppProcess({
      appId: world.app.id,
      privateKey: world.app.privateKey,
      webhookSecret: world.app.webhookSecret,
      githubUrl: url,
    });
    sandbox.webhooks.toUrl(app.webhookUrl, world.app.webhookSecret);
  });

  afterAll(async () => {
    await app?.stop();
    await sandbox?.close();
  });

  it("answers /factory help through JWT auth and a signed webhook", async () => {
    const audit = world.audits[0] as number;
    const comment = sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: audit, body: "/factory help" });
    const reply = await waitFor("the help reply", () =>
      sandbox.comments("acme", "api", audit).find((c) => c.user.login === "factory[bot]"),
    );
    expect(reply.body).toContain(`<!-- factory:reply comment=${comment.id} -->`);
    expect(reply.body).toContain("/factory dispatch phase N");
    // The app minted an installation token with its JWT, then used it.
    expect(sandbox.requests.rest.get("POST /app/installations/{installation_id}/access_tokens")).toBeGreaterThanOrEqual(1);
    expect(sandbox.requests.rest.get("POST /repos/{owner}/{repo}/issues/{issue_number}/comments")).toBe(1);
    const delivery = sandbox.webhooks.log.find((d) => d.name === "issue_comment" && d.action === "created");
    expect(app.output.some((line) => line.includes(delivery?.id ?? "no delivery"))).toBe(true);
    expect(sandbox.violations).toEqual([]);
  });

  it("rejects a webhook signed with the wrong secret and does nothing", async () => {
    const audit = world.audits[1] as number;
    sandbox.webhooks.toUrl(app.webhookUrl, "not-the-secret");
    try {
      sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: audit, body: "/factory help" });
      await sandbox.webhooks.flush();
      const last = sandbox.webhooks.log.at(-1);
      expect(last?.status).toBe(400);
      await new Promise((r) => setTimeout(r, 300));
      expect(sandbox.comments("acme", "api", audit).filter((c) => c.user.login === "factory[bot]")).toEqual([]);
    } finally {
      sandbox.webhooks.toUrl(app.webhookUrl, world.app.webhookSecret);
    }
  });
});

describe("starting in production", () => {
  it("refuses to start without a real WEBHOOK_SECRET", () => {
    const probotBin = PROBOT_BIN;
    const result = spawnSync(process.execPath, ["--import", "tsx", probotBin, "run", "./src/app.ts"], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        APP_ID: "1",
        PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----",
        PORT: "0",
        HOST: "127.0.0.1",
      },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain("needs a real WEBHOOK_SECRET");
  });
});
