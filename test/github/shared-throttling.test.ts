import { Redis } from "ioredis";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { Sandbox } from "@factory/sandbox";
import { seedDemo } from "../../demo/seed-demo.js";
import { FactoryOctokit } from "../../src/github/factory-octokit.js";
import { useRedis } from "../helpers/use-redis.js";

/*
 * With `REDIS_URL`, Probot's throttling plugin keeps its limiters in Redis
 * (Bottleneck's clustering), so every instance spaces its writes with the
 * others: Probot loads `ioredis` for it, which Factory depends on, and
 * Factory's Octokit keeps the throttle options Probot gives it.
 */
const redis = useRedis();

describe("Probot's throttling with a Redis", () => {
  it("keeps its limiters in the shared Redis when the app runs with Factory's Octokit", async () => {
    const sandbox = new Sandbox({ profile: "production" });
    const world = seedDemo(sandbox);
    const probot = new Probot({ appId: world.app.id, privateKey: world.app.privateKey, secret: world.app.webhookSecret, Octokit: FactoryOctokit, redisConfig: redis.url, request: { fetch: sandbox.fetch } });
    const octokit = await probot.auth(world.installationId);
    await octokit.rest.issues.create({ owner: world.org, repo: world.repo, title: "a write the limiter spaces" });
    const client = new Redis(redis.url);
    const keys = await client.keys("b_*");
    await client.quit();
    // Bottleneck's cluster keys: one set per limiter group (global, write, search …) that the request went through.
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((key) => key.includes("write"))).toBe(true);
  });
});
