import type { QueueCounts } from "../queue/job-queue.js";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Factory's Prometheus instruments, on a registry of their own (never
 * prom-client's global one), so two app instances in one process — tests
 * do that — never share or clash over a metric.
 */
export interface Metrics {
  registry: Registry;
  /** Webhook deliveries by event, action and outcome (`received`, then `handled`, `ignored` or `failed`). */
  events: Counter<"event" | "action" | "outcome">;
  /** Background jobs waiting, delayed or running (read from the queue when scraped: with Redis, the whole fleet's). */
  jobsQueued: Gauge;
  /** Jobs that failed their last attempt and are still kept by the queue (with Redis, for seven days). */
  jobsFailed: Gauge;
  /** Names the queue the two gauges above are read from, when scraped. */
  watchQueue(counts: () => Promise<QueueCounts>): void;
  /** Time a job's work took, by job name (the wait in the queue is not included). */
  jobDuration: Histogram<"name">;
  /** Finished runs of jobs by name and outcome (`ok`, `retried`, `failed`). */
  jobs: Counter<"name" | "outcome">;
  /** Requests to GitHub by kind: the REST method, or `graphql`. */
  githubRequests: Counter<"kind">;
  /** `x-ratelimit-remaining` of the last response, by `x-ratelimit-resource`. */
  rateLimitRemaining: Gauge<"resource">;
  /** Children handed over to an agent, by agent and paying member. */
  dispatches: Counter<"agent" | "member">;
  /** Dispatches left today in each member's quota, as of the last dispatch run. */
  budgetRemaining: Gauge<"member">;
  /** Pull requests the monitor escalated to a person. */
  escalations: Counter;
}

/** Options of {@link createMetrics}. */
export interface CreateMetricsOptions {
  /** Also collect prom-client's process and Node.js metrics (memory, CPU, event loop lag); default true. */
  defaultMetrics?: boolean;
}

/** Seconds: a help reply takes well under one, a paced 200-finding audit several minutes. */
const JOB_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** Creates a fresh registry with every Factory instrument on it. */
export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let queueCounts: (() => Promise<QueueCounts>) | undefined;
  return {
    registry,
    events: new Counter({
      name: "factory_events_total",
      help: "Webhook deliveries: every one is counted as received; those Factory subscribes to also as handled (work was queued), ignored or failed.",
      labelNames: ["event", "action", "outcome"] as const,
      registers,
    }),
    jobsQueued: new Gauge({
      name: "factory_jobs_queued",
      help: "Background jobs waiting, delayed or running (with Redis, across every instance).",
      registers,
      async collect() {
        const counts = await queueCounts?.();
        if (counts) this.set(counts.waiting + counts.delayed + counts.active);
      },
    }),
    jobsFailed: new Gauge({
      name: "factory_jobs_failed",
      help: "Background jobs that failed their last attempt, as the queue still keeps them (with Redis, seven days, across every instance).",
      registers,
      async collect() {
        const counts = await queueCounts?.();
        if (counts) this.set(counts.failed);
      },
    }),
    watchQueue(counts) {
      queueCounts = counts;
    },
    jobDuration: new Histogram({
      name: "factory_job_duration_seconds",
      help: "Time a background job's work took, by job name (time spent waiting in the queue excluded).",
      labelNames: ["name"] as const,
      buckets: JOB_BUCKETS,
      registers,
    }),
    jobs: new Counter({ name: "factory_jobs_total", help: "Finished runs of background jobs by name and outcome (ok; retried: failed with attempts left; failed: the last attempt failed).", labelNames: ["name", "outcome"] as const, registers }),
    githubRequests: new Counter({
      name: "factory_github_requests_total",
      help: "Requests to GitHub made with installation tokens, by kind: the REST method, or graphql.",
      labelNames: ["kind"] as const,
      registers,
    }),
    rateLimitRemaining: new Gauge({
      name: "factory_github_rate_limit_remaining",
      help: "Requests left in GitHub's primary rate limit, from the last response's x-ratelimit-remaining, by x-ratelimit-resource.",
      labelNames: ["resource"] as const,
      registers,
    }),
    dispatches: new Counter({
      name: "factory_dispatches_total",
      help: "Children handed over to a coding agent, by agent and the member whose quota paid.",
      labelNames: ["agent", "member"] as const,
      registers,
    }),
    budgetRemaining: new Gauge({
      name: "factory_budget_remaining",
      help: "Dispatches left today in each member's daily quota, as of the last dispatch run.",
      labelNames: ["member"] as const,
      registers,
    }),
    escalations: new Counter({ name: "factory_escalations_total", help: "Pull requests the monitor escalated to a person.", registers }),
  };
}
