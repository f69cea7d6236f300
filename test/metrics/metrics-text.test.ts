import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/metrics/metrics.js";
import { parsePrometheusText, sampleValue } from "./parse-prometheus-text.js";

const FAMILIES = {
  factory_events_total: "counter",
  factory_jobs_queued: "gauge",
  factory_job_duration_seconds: "histogram",
  factory_jobs_total: "counter",
  factory_github_requests_total: "counter",
  factory_github_rate_limit_remaining: "gauge",
  factory_dispatches_total: "counter",
  factory_budget_remaining: "gauge",
  factory_escalations_total: "counter",
} as const;

describe("the metrics registry's text output", () => {
  it("declares every Factory metric with HELP and TYPE before anything is recorded", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const families = parsePrometheusText(await metrics.registry.metrics());
    for (const [name, type] of Object.entries(FAMILIES)) {
      expect(families.get(name)?.type, name).toBe(type);
      expect(families.get(name)?.help, name).toMatch(/\S/);
    }
    // Unlabelled instruments start at zero; labelled ones have no series yet.
    expect(sampleValue(families, "factory_jobs_queued")).toBe(0);
    expect(sampleValue(families, "factory_escalations_total")).toBe(0);
    expect(families.get("factory_events_total")?.samples).toEqual([]);
  });

  it("stays valid Prometheus text with every instrument recorded, awkward label values included", async () => {
    const metrics = createMetrics();
    metrics.events.inc({ event: "issue_comment", action: "created", outcome: "received" });
    metrics.events.inc({ event: "push", action: "", outcome: "ignored" });
    metrics.jobsQueued.inc(3);
    metrics.jobDuration.observe({ name: "command" }, 0.2);
    metrics.jobDuration.observe({ name: "command" }, 42);
    metrics.jobDuration.observe({ name: "audit" }, 1000);
    metrics.jobs.inc({ name: "command", outcome: "ok" });
    metrics.jobs.inc({ name: "audit", outcome: "failed" });
    metrics.githubRequests.inc({ kind: "GET" }, 5);
    metrics.githubRequests.inc({ kind: "graphql" });
    metrics.rateLimitRemaining.set({ resource: "core" }, 4990);
    metrics.dispatches.inc({ agent: 'odd "agent"\\with\nnewline', member: "mona" });
    metrics.budgetRemaining.set({ member: "mona" }, 0);
    metrics.escalations.inc();
    const families = parsePrometheusText(await metrics.registry.metrics());
    expect(sampleValue(families, "factory_events_total", { event: "issue_comment", action: "created", outcome: "received" })).toBe(1);
    expect(sampleValue(families, "factory_events_total", { event: "push", action: "" })).toBe(1);
    expect(sampleValue(families, "factory_jobs_queued")).toBe(3);
    expect(sampleValue(families, "factory_job_duration_seconds_count", { name: "command" })).toBe(2);
    expect(sampleValue(families, "factory_job_duration_seconds_bucket", { name: "command", le: "0.25" })).toBe(1);
    expect(sampleValue(families, "factory_job_duration_seconds_bucket", { name: "audit", le: "+Inf" })).toBe(1);
    expect(sampleValue(families, "factory_github_requests_total", { kind: "GET" })).toBe(5);
    expect(sampleValue(families, "factory_github_rate_limit_remaining", { resource: "core" })).toBe(4990);
    expect(sampleValue(families, "factory_dispatches_total", { agent: 'odd "agent"\\with\nnewline', member: "mona" })).toBe(1);
    expect(sampleValue(families, "factory_budget_remaining", { member: "mona" })).toBe(0);
    expect(sampleValue(families, "factory_escalations_total")).toBe(1);
    // prom-client's process metrics come along on the same registry.
    expect(families.get("process_cpu_user_seconds_total")?.type).toBe("counter");
  });

  it("gives each app instance a registry of its own", async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.escalations.inc();
    expect(sampleValue(parsePrometheusText(await first.registry.metrics()), "factory_escalations_total")).toBe(1);
    expect(sampleValue(parsePrometheusText(await second.registry.metrics()), "factory_escalations_total")).toBe(0);
  });

  it("the parser rejects what Prometheus would reject", () => {
    expect(() => parsePrometheusText("factory_x 1")).toThrow(/line feed/);
    expect(() => parsePrometheusText("factory_x{a=\"b} 1\n")).toThrow(/line 1/);
    expect(() => parsePrometheusText("factory_x{a=\"\\q\"} 1\n")).toThrow(/escape/);
    expect(() => parsePrometheusText("factory_x  1\n")).toThrow(/one space/);
    expect(() => parsePrometheusText("factory_x one\n")).toThrow(/bad value/);
    expect(() => parsePrometheusText("# TYPE factory_x thing\n")).toThrow(/unknown type/);
    expect(() => parsePrometheusText("factory_x 1\n# TYPE factory_x gauge\n")).toThrow(/TYPE after samples/);
    expect(() => parsePrometheusText('# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n')).toThrow(/cumulative/);
  });
});
