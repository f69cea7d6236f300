/**
 * Factory's Probot entry point. It subscribes events to flows and holds no
 * logic of its own: every handler only decides whether there is work and
 * enqueues it, so webhooks are answered in milliseconds.
 */
import type { ApplicationFunction } from "probot";
import { assertSafeEnvironment } from "./assert-safe-environment.js";
import { onCommandComment } from "./stages/commands/on-command-comment.js";
import { logEvent } from "./stages/log-event.js";
import { systemClock, type Clock } from "./github/clock.js";
import { onAuditIssue } from "./stages/audit/on-audit-issue.js";
import { MONITOR_EVENTS, onMonitorEvent } from "./stages/monitor/on-monitor-event.js";
import { startSweep } from "./stages/monitor/sweep.js";
import { DashboardScheduler } from "./stages/dashboard/dashboard-scheduler.js";
import { SnapshotCache } from "./stages/monitor/snapshot-cache.js";
import { ConfigCache, configPushed } from "./config/config-cache.js";
import { StrangerLimit } from "./stages/commands/stranger-limit.js";
import { memberOctokit } from "./github/member-octokit.js";
import type { UserOctokitFactory } from "./stages/dispatch/run-dispatch.js";
import { InProcessQueue } from "./queue/in-process-queue.js";
import type { JobQueue } from "./queue/job-queue.js";
import { EventMeter } from "./metrics/event-meter.js";
import { MeteredPacerRegistry } from "./metrics/metered-pacer-registry.js";
import { MeteredQueue } from "./metrics/metered-queue.js";
import { createMetrics, type Metrics } from "./metrics/metrics.js";
import { metricsObserver } from "./metrics/metrics-observer.js";
import { serveMetrics } from "./metrics/serve-metrics.js";
import { appIdentity, type IdentitySource } from "./github/app-identity.js";

/** What the app is built from; tests pass their own queue to wait on it. */
export interface AppDeps {
  queue?: JobQueue;
  env?: NodeJS.ProcessEnv;
  /** Time for pacing writes; tests pass a virtual clock. */
  clock?: Clock;
  /** Builds an Octokit acting as a member (their token), for agents that ignore bots. */
  userOctokit?: UserOctokitFactory;
  /** Run the periodic sweep (default true; tests call `sweepOnce` themselves). */
  sweep?: boolean;
  /** Debounce of dashboard updates in ms (default 60,000); null turns dashboards off. */
  dashboardDelayMs?: number | null;
  /** Prometheus instruments served on `/metrics` (default: a fresh registry); tests pass their own to read them. */
  metrics?: Metrics;
  /** Who Factory is on GitHub (default: asked of GitHub once, with the app's JWT). */
  identity?: IdentitySource;
}

/** Builds the Probot application function. */
export function createApp(deps: AppDeps = {}): ApplicationFunction {
  return (app, options) => {
    assertSafeEnvironment(deps.env ?? process.env);
    const metrics = deps.metrics ?? createMetrics();
    const queue = new MeteredQueue(deps.queue ?? new InProcessQueue({ log: app.log.child({ name: "queue" }) }), metrics);
    const clock = deps.clock ?? systemClock;
    const pacers = new MeteredPacerRegistry(clock, metrics);
    const events = new EventMeter(metrics, queue);
    // Dashboards: one edit a minute at most per repository (tests turn them on with no delay, or leave them off).
    // The monitor's settled snapshots spare the dashboard a read of each epic it just looked at.
    const snapshots = new SnapshotCache();
    // Only text this account wrote carries Factory's state (SPEC §5).
    const identity = deps.identity ?? appIdentity(() => app.auth());
    // Configs are read once per burst of jobs, not once per job; a push that changes one forgets its owner's.
    const configs = new ConfigCache({ clock, log: app.log.child({ name: "config" }) });
    const dashboards =
      deps.dashboardDelayMs === null
        ? undefined
        : new DashboardScheduler({ queue, clock, log: app.log.child({ name: "dashboard" }), delayMs: deps.dashboardDelayMs ?? dashboardDelay(deps.env ?? process.env), snapshots, configs, identity });
    const shared = {
      queue,
      pacers,
      clock,
      env: deps.env ?? process.env,
      userOctokit: deps.userOctokit ?? memberOctokit,
      observer: metricsObserver(metrics),
      snapshots,
      configs,
      identity,
      // People without the command permission get one answer per issue and hour (SPEC §5).
      strangers: new StrangerLimit({ clock }),
      ...(dashboards ? { dashboards } : {}),
    };
    app.onAny((event) => {
      events.received(event);
      logEvent({ event, log: app.log });
    });
    app.on("push", async (context) => {
      const owner = context.payload.repository.owner?.login;
      if (owner && configPushed(context.payload)) configs.forgetOwner(owner);
    });
    app.on("issue_comment.created", events.wrap(onCommandComment(shared)));
    app.on(["issues.labeled", "issues.opened"], events.wrap(onAuditIssue(shared)));
    app.on([...MONITOR_EVENTS], events.wrap(onMonitorEvent(shared)));
    if (deps.sweep !== false) startSweep({ app, deps: shared, log: app.log.child({ name: "sweep" }) });
    serveMetrics({ options, metrics, env: shared.env, log: app.log });
  };
}

export default createApp();

/** `FACTORY_DASHBOARD_DELAY_MS`, else a minute: how long dashboard updates are gathered into one edit. */
function dashboardDelay(env: NodeJS.ProcessEnv): number {
  const value = Number(env.FACTORY_DASHBOARD_DELAY_MS);
  return Number.isFinite(value) && value >= 0 && env.FACTORY_DASHBOARD_DELAY_MS !== undefined ? value : 60_000;
}
