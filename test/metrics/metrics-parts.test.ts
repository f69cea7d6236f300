import { createServer, type Server } from "node:http";
import type { AnyDelivery } from "../../src/github/event-summary.js";
import type { AddressInfo } from "node:net";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import type { DispatchOutcome } from "../../src/stages/dispatch/run-dispatch.js";
import type { Octokit } from "../../src/github/octokit.js";
import { EventMeter } from "../../src/metrics/event-meter.js";
import { MeteredPacerRegistry } from "../../src/metrics/metered-pacer-registry.js";
import { MeteredQueue } from "../../src/metrics/metered-queue.js";
import { metricsHandler } from "../../src/metrics/metrics-handler.js";
import { metricsObserver } from "../../src/metrics/metrics-observer.js";
import { createMetrics, type Metrics } from "../../src/metrics/metrics.js";
import type { AppliedAction } from "../../src/model/action.js";
import { InProcessQueue } from "../../src/queue/in-process-queue.js";
import { testJob } from "../helpers/test-job.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { parsePrometheusText, sampleValue } from "./parse-prometheus-text.js";

async function scrape(metrics: Metrics) {
  return parsePrometheusText(await metrics.registry.metrics());
}

describe("metricsHandler", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  /** A loopback server that tries the handler first and answers 404 when it declines, as Probot's server does. */
  async function serve(handler: ReturnType<typeof metricsHandler>): Promise<string> {
    server = createServer((req, res) => {
      void handler(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end("declined");
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("serves the registry on GET /metrics and declines every other path", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.escalations.inc();
    const url = await serve(metricsHandler({ registry: metrics.registry }));
    const response = await fetch(`${url}/metrics?debug=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(sampleValue(parsePrometheusText(await response.text()), "factory_escalations_total")).toBe(1);
    expect(await (await fetch(`${url}/metrics/extra`)).text()).toBe("declined");
    expect(await (await fetch(`${url}/api/github/webhooks`)).text()).toBe("declined");
    const head = await fetch(`${url}/metrics`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const post = await fetch(`${url}/metrics`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it("asks for the bearer token when one is configured", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const url = await serve(metricsHandler({ registry: metrics.registry, token: "s3cret" }));
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: "Bearer wrong!" } })).status).toBe(401);
    const ok = await fetch(`${url}/metrics`, { headers: { authorization: "Bearer s3cret" } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("# TYPE factory_escalations_total counter");
  });
});

describe("MeteredPacerRegistry and instrumentOctokit", () => {
  function octokitAnswering(answer: (url: string) => { status: number; headers: Record<string, string>; body: unknown }): Octokit {
    const Ctor = ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } }));
    const fetch = async (url: string | URL) => {
      const { status, headers, body } = answer(String(url));
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
    };
    return new Ctor({ auth: "test", request: { fetch } }) as unknown as Octokit;
  }

  it("counts REST by method and GraphQL, records the rate limit, and leaves responses and errors as they were", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const octokit = octokitAnswering((url) => {
      if (url.endsWith("/graphql")) return { status: 200, headers: { "x-ratelimit-remaining": "4900", "x-ratelimit-resource": "graphql" }, body: { data: { viewer: { login: "factory" } } } };
      if (url.includes("/issues/404")) return { status: 404, headers: { "x-ratelimit-remaining": "4997", "x-ratelimit-resource": "core" }, body: { message: "Not Found" } };
      return { status: 200, headers: { "x-ratelimit-remaining": "4998", "x-ratelimit-resource": "core" }, body: { number: 1 } };
    });
    const pacers = new MeteredPacerRegistry(new VirtualClock(), metrics);
    // Paced twice (two handlers for one event): still counted once a request.
    pacers.pace(octokit, 1);
    pacers.pace(octokit, 1);
    const { data } = await octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 1 });
    expect(data.number).toBe(1);
    await expect(octokit.rest.issues.get({ owner: "acme", repo: "api", issue_number: 404 })).rejects.toMatchObject({ status: 404 });
    await octokit.rest.issues.createComment({ owner: "acme", repo: "api", issue_number: 1, body: "hi" });
    expect(await octokit.graphql("{ viewer { login } }")).toEqual({ viewer: { login: "factory" } });
    const families = await scrape(metrics);
    expect(sampleValue(families, "factory_github_requests_total", { kind: "GET" })).toBe(2);
    expect(sampleValue(families, "factory_github_requests_total", { kind: "POST" })).toBe(1);
    expect(sampleValue(families, "factory_github_requests_total", { kind: "graphql" })).toBe(1);
    expect(sampleValue(families, "factory_github_rate_limit_remaining", { resource: "core" })).toBe(4998);
    expect(sampleValue(families, "factory_github_rate_limit_remaining", { resource: "graphql" })).toBe(4900);
    // The pacer still paces the write.
    expect(pacers.forInstallation(1).recent).toBeGreaterThan(0);
  });
});

describe("MeteredQueue and EventMeter", () => {
  // The fields the meter reads of a delivery; a real payload has many more.
  const event = (id: string, name = "issue_comment", action: string | null = "created") => ({ id, name, payload: action === null ? {} : { action } }) as unknown as AnyDelivery;

  it("meters depth, duration and outcome of jobs and leaves failures to the wrapped queue", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const errors: string[] = [];
    const inner = new InProcessQueue({ log: { error: (_obj, msg) => errors.push(msg), debug: () => {} } });
    const queue = new MeteredQueue(inner, metrics);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    queue.start(async (job) => {
      if (job.kind === "command") await gate;
      else throw new Error("boom");
    });
    await queue.enqueue(testJob("acme/api", "d1", "command"), { id: "d1" });
    await queue.enqueue(testJob("acme/api", "d2"), { id: "d2" });
    expect(await queue.counts()).toMatchObject({ waiting: 1, active: 1 });
    expect(sampleValue(await scrape(metrics), "factory_jobs_queued")).toBe(2);
    release();
    await queue.onIdle();
    const families = await scrape(metrics);
    expect(sampleValue(families, "factory_jobs_queued")).toBe(0);
    expect(sampleValue(families, "factory_jobs_failed")).toBe(1);
    expect(sampleValue(families, "factory_jobs_total", { name: "command", outcome: "ok" })).toBe(1);
    expect(sampleValue(families, "factory_jobs_total", { name: "dashboard", outcome: "failed" })).toBe(1);
    expect(sampleValue(families, "factory_job_duration_seconds_count", { name: "command" })).toBe(1);
    expect(errors).toEqual(["Job dashboard failed"]);
  });

  it("counts a failed run with attempts left as retried, not failed", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let runner!: Parameters<InProcessQueue["start"]>[0];
    const inner = { start: (r: typeof runner) => void (runner = r), counts: async () => ({ waiting: 0, delayed: 0, active: 0, failed: 0 }) } as unknown as InProcessQueue;
    const queue = new MeteredQueue(inner, metrics);
    queue.start(async () => {
      throw new Error("flaky");
    });
    await expect(runner(testJob("acme/api"), { number: 1, last: false })).rejects.toThrow("flaky");
    await expect(runner(testJob("acme/api"), { number: 2, last: true })).rejects.toThrow("flaky");
    const families = await scrape(metrics);
    expect(sampleValue(families, "factory_jobs_total", { name: "dashboard", outcome: "retried" })).toBe(1);
    expect(sampleValue(families, "factory_jobs_total", { name: "dashboard", outcome: "failed" })).toBe(1);
  });

  it("counts each delivery as received, then handled, ignored or failed by its handler", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const queue = new MeteredQueue(new InProcessQueue(), metrics);
    queue.start(async () => {});
    const meter = new EventMeter(metrics, queue);
    const enqueueLater = meter.wrap(async (context: ReturnType<typeof event>) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await queue.enqueue(testJob("acme/api", context.id), { id: context.id });
    });
    const decline = meter.wrap(async (_context: ReturnType<typeof event>) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    const explode = meter.wrap(async (_context: ReturnType<typeof event>) => {
      throw new Error("handler bug");
    });
    for (const e of [event("a"), event("b"), event("c", "issues", "opened"), event("d", "push", null)]) meter.received(e);
    // Interleaved: the one that enqueues after an await is still told apart from the one that does not.
    await Promise.all([enqueueLater(event("a")), decline(event("b"))]);
    await expect(explode(event("c", "issues", "opened"))).rejects.toThrow("handler bug");
    await queue.onIdle();
    const families = await scrape(metrics);
    expect(sampleValue(families, "factory_events_total", { event: "issue_comment", action: "created", outcome: "received" })).toBe(2);
    expect(sampleValue(families, "factory_events_total", { event: "issue_comment", action: "created", outcome: "handled" })).toBe(1);
    expect(sampleValue(families, "factory_events_total", { event: "issue_comment", action: "created", outcome: "ignored" })).toBe(1);
    expect(sampleValue(families, "factory_events_total", { event: "issues", action: "opened", outcome: "failed" })).toBe(1);
    expect(sampleValue(families, "factory_events_total", { event: "push", action: "", outcome: "received" })).toBe(1);
  });
});

describe("metricsObserver", () => {
  const dispatch = (child: number, agent: string, member: string) => ({ child, agent: { name: agent }, member, repair: false });

  it("counts handed-over dispatches by agent and member and sets each member's budget left", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const observer = metricsObserver(metrics);
    const outcome = {
      dryRun: false,
      failed: [{ child: 3, reason: "trigger failed" }],
      warnings: [],
      conflicts: 0,
      plan: {
        dispatches: [dispatch(1, "jules", "mona"), dispatch(2, "jules", "mona"), dispatch(3, "copilot", "hubot")],
        skipped: [],
        budget: { members: [{ login: "mona", quota: 5, used: 4 }, { login: "hubot", quota: 2, used: 3 }] },
      },
    } as unknown as DispatchOutcome;
    observer.dispatchDone?.(outcome);
    observer.dispatchDone?.({ ...outcome, dryRun: true });
    const families = await scrape(metrics);
    expect(sampleValue(families, "factory_dispatches_total", { agent: "jules", member: "mona" })).toBe(2);
    expect(sampleValue(families, "factory_dispatches_total", { agent: "copilot" })).toBeUndefined();
    expect(sampleValue(families, "factory_budget_remaining", { member: "mona" })).toBe(1);
    expect(sampleValue(families, "factory_budget_remaining", { member: "hubot" })).toBe(0);
  });

  it("counts an escalation when its comment is posted, not when it already was", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const comment = (kind: string, outcome: AppliedAction["outcome"]): AppliedAction => ({
      action: { kind: "comment", key: `${kind}:7`, issue: 1, body: "…", marker: { kind, fields: { pr: "#7" } } },
      outcome,
    });
    metricsObserver(metrics).monitorApplied?.([
      { action: { kind: "addLabels", key: "escalate:7", issue: 7, labels: ["needs-human"] }, outcome: "done" },
      comment("escalated", "done"),
      comment("escalated", "exists"),
      comment("nudge", "done"),
    ]);
    expect(sampleValue(await scrape(metrics), "factory_escalations_total")).toBe(1);
  });
});
