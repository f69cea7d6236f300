import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { parsePrometheusText, sampleValue } from "./parse-prometheus-text.js";

/**
 * The app inside Probot's own HTTP server on loopback, as `probot run` runs
 * it: webhooks arrive by signed HTTP POST, and `/metrics` is scraped over
 * HTTP like Prometheus would.
 */
describe("/metrics on the app's HTTP server", () => {
  let h: FactoryHarness;
  beforeAll(async () => {
    h = await startFactory({ serve: true });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function scrape() {
    const response = await fetch(`${h.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  }

  it("counts the delivery, the job and the GitHub requests behind a /factory help", async () => {
    const audit = h.world.audits[0] as number;
    h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: audit, body: "/factory help" });
    await h.settle();
    // Two comments, two deliveries over HTTP: mona's command and Factory's own reply.
    const deliveries = h.sandbox.webhooks.log.filter((d) => d.name === "issue_comment" && d.action === "created");
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(h.sandbox.comments("acme", "api", audit).filter((c) => c.user.login === "factory[bot]")).toHaveLength(1);

    const families = await scrape();
    const comment = { event: "issue_comment", action: "created" };
    expect(sampleValue(families, "factory_events_total", { ...comment, outcome: "received" })).toBe(2);
    expect(sampleValue(families, "factory_events_total", { ...comment, outcome: "handled" })).toBe(1);
    // Factory's own reply is a bot's comment: no work.
    expect(sampleValue(families, "factory_events_total", { ...comment, outcome: "ignored" })).toBe(1);
    expect(sampleValue(families, "factory_jobs_total", { name: "command", outcome: "ok" })).toBe(1);
    expect(sampleValue(families, "factory_job_duration_seconds_count", { name: "command" })).toBe(1);
    expect(sampleValue(families, "factory_jobs_queued")).toBe(0);
    // 👀 and 🚀 reactions and the reply are POSTs; the config and comments are read with GETs.
    expect(sampleValue(families, "factory_github_requests_total", { kind: "POST" })).toBeGreaterThanOrEqual(3);
    expect(sampleValue(families, "factory_github_requests_total", { kind: "GET" })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(families, "factory_github_rate_limit_remaining", { resource: "core" })).toBeGreaterThan(0);
    expect(families.get("factory_dispatches_total")?.type).toBe("counter");
    // The scrape and the instruments the test holds agree.
    expect((await h.metrics.events.get()).values.find((v) => v.labels.outcome === "handled")?.value).toBe(1);
    expect(h.sandbox.violations).toEqual([]);
  });

  it("counts deliveries Factory has no work for as received and ignored", async () => {
    const audit = h.world.audits[1] as number;
    h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: audit, body: "Just a comment, no command." });
    await h.settle();
    const families = await scrape();
    const comment = { event: "issue_comment", action: "created" };
    expect(sampleValue(families, "factory_events_total", { ...comment, outcome: "received" })).toBe(3);
    expect(sampleValue(families, "factory_events_total", { ...comment, outcome: "handled" })).toBe(1);
    expect(sampleValue(families, "factory_events_total", { ...comment, outcome: "ignored" })).toBe(2);
    expect(sampleValue(families, "factory_jobs_total", { name: "command", outcome: "ok" })).toBe(1);
  });

  it("leaves Probot's own routes alone", async () => {
    expect(await (await fetch(`${h.url}/ping`)).text()).toBe("PONG");
    expect((await fetch(`${h.url}/metrics`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${h.url}/no-such-page`)).status).toBe(404);
  });
});
