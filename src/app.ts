/**
 * Factory's Probot entry point. It subscribes events to flows and holds no
 * logic of its own: every handler only decides whether there is work and
 * enqueues it, so webhooks are answered in milliseconds.
 */
import type { ApplicationFunction, Probot } from "probot";
import { pacingScale } from "./github/pacing-scale.js";
import { assertSafeEnvironment } from "./assert-safe-environment.js";
import { onCommandComment } from "./stages/commands/on-command-comment.js";
import { logEvent } from "./stages/log-event.js";
import { systemClock, type Clock } from "./github/clock.js";
import type { Octokit } from "./github/octokit.js";
import { onAuditIssue } from "./stages/audit/on-audit-issue.js";
import { onAuditEdited, onReadingEdited } from "./stages/audit/on-audit-edit.js";
import { MONITOR_EVENTS, onMonitorEvent } from "./stages/monitor/on-monitor-event.js";
import { repairDeliveriesOnce, startSweep, sweepOnce } from "./stages/monitor/sweep.js";
import { SnapshotCache } from "./stages/monitor/snapshot-cache.js";
import { ConfigCache, configPushed } from "./config/config-cache.js";
import { StrangerLimit } from "./stages/commands/stranger-limit.js";
import { memberOctokit } from "./github/member-octokit.js";
import type { UserOctokitFactory } from "./stages/dispatch/run-dispatch.js";
import { InProcessQueue } from "./queue/in-process-queue.js";
import type { JobQueue } from "./queue/job-queue.js";
import { RedisQueue } from "./queue/redis-queue.js";
import { RedisState } from "./queue/redis-state.js";
import { MemoryState, type SharedState } from "./queue/shared-state.js";
import { EventMeter } from "./metrics/event-meter.js";
import { MeteredPacerRegistry } from "./metrics/metered-pacer-registry.js";
import { MeteredQueue } from "./metrics/metered-queue.js";
import { createMetrics, type Metrics } from "./metrics/metrics.js";
import { metricsObserver } from "./metrics/metrics-observer.js";
import { serveMetrics } from "./metrics/serve-metrics.js";
import { appIdentity, type IdentitySource } from "./github/app-identity.js";
import type { JobDeps } from "./stages/job-deps.js";
import { createJobRunner } from "./stages/run-job.js";
import type { RedeliveryOutcome } from "./stages/deliveries/run-redeliveries.js";

/** What the app is built from; tests pass their own queue and state to share them between instances. */
export interface AppDeps {
  /** Where jobs wait (default: Redis with `REDIS_URL`, else memory). */
  queue?: JobQueue;
  /** State every instance shares (default: Redis with `REDIS_URL`, else memory). */
  state?: SharedState;
  env?: NodeJS.ProcessEnv;
  /** Time for pacing writes; tests pass a virtual clock. */
  clock?: Clock;
  /** Builds an Octokit acting as a member (their token), for agents that ignore bots. */
  userOctokit?: UserOctokitFactory;
  /** How agents' own APIs (Jules's sessions) are reached: Node's `fetch` by default; tests pass the sandbox's stand-in. */
  agentFetch?: typeof globalThis.fetch;
  /** Run the periodic sweep (default true; tests call the sweep themselves). */
  sweep?: boolean;
  /** Debounce of dashboard updates in ms (default 60,000); null turns dashboards off. */
  dashboardDelayMs?: number | null;
  /** Prometheus instruments served on `/metrics` (default: a fresh registry); tests pass their own to read them. */
  metrics?: Metrics;
  /** Who Factory is on GitHub (default: asked of GitHub once, with the app's JWT). */
  identity?: IdentitySource;
  /** Told, once the app is loaded, how to reach its parts (tests sweep and repair through it). */
  loaded?: (factory: LoadedFactory) => void;
}

/** A loaded Factory's parts, for tests and operators' scripts. */
export interface LoadedFactory {
  deps: JobDeps;
  /** Queues every repository of every installation for a sweep; returns them. */
  sweep(): Promise<string[]>;
  /** Asks GitHub again for the webhooks that failed since `since`. */
  repairDeliveries(since: Date): Promise<RedeliveryOutcome>;
  /** Stops taking jobs and lets go of Redis. */
  close(): Promise<void>;
}

/** Builds the Probot application function. */
export function createApp(deps: AppDeps = {}): ApplicationFunction {
  return (app, options) => {
    const env = deps.env ?? process.env;
    assertSafeEnvironment(env);
    const metrics = deps.metrics ?? createMetrics();
    const clock = deps.clock ?? systemClock;
    const redisUrl = env.REDIS_URL?.trim() || undefined;
    const log = app.log;
    const state = deps.state ?? (redisUrl ? new RedisState({ url: redisUrl }) : new MemoryState(() => clock.now().getTime()));
    const inner = deps.queue ?? (redisUrl ? new RedisQueue({ url: redisUrl, log: log.child({ name: "queue" }) }) : new InProcessQueue({ log: log.child({ name: "queue" }) }));
    const jobs = new MeteredQueue(inner, metrics);
    // State other instances share (Redis, or a test's): pacing, snapshots and strangers use it only then, and keep their
    // lighter in-memory ways otherwise.
    const shared = redisUrl || deps.state ? state : undefined;
    // GitHub's pacing; the demo plays it faster on its own clock (FACTORY_PACING_SCALE, refused in production).
    const pacers = new MeteredPacerRegistry(clock, metrics, shared, pacingScale(env));
    const events = new EventMeter(metrics, jobs);
    const jobDeps: JobDeps = {
      jobs,
      octokitFor: (installationId) => installationOctokit(app, pacers, installationId),
      log,
      clock,
      env,
      userOctokit: deps.userOctokit ?? memberOctokit,
      ...(deps.agentFetch ? { agentFetch: deps.agentFetch } : {}),
      observer: metricsObserver(metrics),
      // The monitor's settled snapshots spare the dashboard a read of each epic it just looked at.
      snapshots: new SnapshotCache(1_000, shared),
      // Configs are read once per burst of jobs, not once per job; a push that changes one forgets its owner's.
      configs: new ConfigCache({ clock, log: log.child({ name: "config" }), state }),
      // Only text this account wrote carries Factory's state (SPEC §5).
      identity: deps.identity ?? appIdentity(() => app.auth()),
      // People without the command permission get one answer per issue and hour (SPEC §5), fleet-wide with Redis.
      strangers: new StrangerLimit({ clock, ...(shared ? { state: shared } : {}) }),
      state,
      // Dashboards: one edit a minute at most per repository (tests turn them on with no delay, or leave them off).
      dashboardDelayMs: deps.dashboardDelayMs === undefined ? dashboardDelay(env) : deps.dashboardDelayMs,
    };
    jobs.start(createJobRunner(jobDeps));
    app.onAny((event) => {
      events.received(event);
      logEvent({ event, log: app.log });
    });
    app.on("push", async (context) => {
      const owner = context.payload.repository.owner?.login;
      if (owner && configPushed(context.payload)) await jobDeps.configs?.forgetOwner(owner);
    });
    app.on("issue_comment.created", events.wrap(onCommandComment(jobDeps)));
    app.on(["issues.labeled", "issues.opened"], events.wrap(onAuditIssue(jobDeps)));
    // Confirming an audit: its body edited, or Factory's reading of it ticked and unticked.
    app.on("issues.edited", events.wrap(onAuditEdited(jobDeps)));
    app.on("issue_comment.edited", events.wrap(onReadingEdited(jobDeps)));
    app.on([...MONITOR_EVENTS], events.wrap(onMonitorEvent(jobDeps)));
    const sweepParams = { app, deps: jobDeps, log: app.log.child({ name: "sweep" }) };
    const stopSweep = deps.sweep !== false ? startSweep(sweepParams) : () => undefined;
    serveMetrics({ options, metrics, env, log: app.log });
    deps.loaded?.({
      deps: jobDeps,
      sweep: () => sweepOnce(sweepParams),
      repairDeliveries: (since) => repairDeliveriesOnce({ ...sweepParams, since }),
      close: async () => {
        stopSweep();
        await jobs.close();
        await state.close();
      },
    });
  };
}

/** An installation's client, its writes paced (shared pacing with Redis) and its requests metered. */
async function installationOctokit(app: Probot, pacers: MeteredPacerRegistry, installationId: number): Promise<Octokit> {
  const octokit = (await app.auth(installationId)) as unknown as Octokit;
  pacers.pace(octokit, installationId);
  return octokit;
}

export default createApp();

/** `FACTORY_DASHBOARD_DELAY_MS`, else a minute: how long dashboard updates are gathered into one edit. */
function dashboardDelay(env: NodeJS.ProcessEnv): number {
  const value = Number(env.FACTORY_DASHBOARD_DELAY_MS);
  return Number.isFinite(value) && value >= 0 && env.FACTORY_DASHBOARD_DELAY_MS !== undefined ? value : 60_000;
}
