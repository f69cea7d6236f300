import { Writable } from "node:stream";
import { pino } from "pino";
import { Probot, ProbotOctokit, Server, type ApplicationFunction } from "probot";
import { onTestFinished, vi } from "vitest";
import { createApp, type LoadedFactory } from "../../src/app.js";
import type { JobQueue } from "../../src/queue/job-queue.js";
import type { SharedState } from "../../src/queue/shared-state.js";
import { FactoryOctokit } from "../../src/github/factory-octokit.js";
import { createMetrics, type Metrics } from "../../src/metrics/metrics.js";
import { freePort } from "./free-port.js";
import type { Clock } from "../../src/github/clock.js";
import { VirtualClock } from "./virtual-clock.js";
import { seedDemo, type DemoWorld } from "../../demo/seed-demo.js";
import { InProcessQueue } from "../../src/queue/in-process-queue.js";
import { Sandbox } from "@factory/sandbox";

/** A Factory app wired in-process to a seeded sandbox. */
export interface FactoryHarness {
  sandbox: Sandbox;
  world: DemoWorld;
  probot: Probot;
  /** Where this Factory's jobs wait (shared with other instances when a test passed one). */
  queue: JobQueue;
  /** The loaded app's parts: its job dependencies, and its sweep and delivery repair as the timer runs them. */
  factory: LoadedFactory;
  /** Queues every repository for a sweep, as the timer does, and waits until every job has run; returns the repositories. */
  sweep(): Promise<string[]>;
  /** Structured log lines the app wrote. */
  logs: Array<Record<string, unknown>>;
  /** The app's Prometheus instruments. */
  metrics: Metrics;
  /** With `serve`: the app's HTTP server on loopback, e.g. `http://127.0.0.1:4321`. */
  url?: string;
  /** Stops the HTTP server, if one was started. */
  stop(): Promise<void>;
  /**
   * Waits until every webhook is delivered and every job has run, repeatedly
   * (jobs cause webhooks). With Probot's retry and throttling plugins on (the
   * default), virtual time moves on while it waits, so their waits pass
   * without real sleeping.
   */
  settle(): Promise<void>;
  /**
   * Resolves with `work` — anything a test starts outside webhooks and jobs,
   * such as a sweep or a request of its own — moving virtual time on while
   * the plugins wait, as `settle()` does.
   */
  run<T>(work: Promise<T>): Promise<T>;
  /** Whether this Factory was killed (`killAtWrite`). */
  dead(): boolean;
}

/**
 * What the harness makes virtual for the plugins: the plugins wait with `setTimeout`
 * (Bottleneck schedules every request with it) and read `Date.now()`, and the
 * sandbox's clock follows `Date`. Intervals stay real: Bottleneck's groups
 * clean up on one, and a virtual interval would tick time on by itself.
 */
const VIRTUAL_TIMERS = ["setTimeout", "clearTimeout", "Date"] as const;
/** A wait longer than this is a hang, not a retry. */
const VIRTUAL_LIMIT_MS = 2 * 60 * 60 * 1000;
/** Stories started in this file, to key each one's rate limiters apart. */
let stories = 0;

/**
 * Makes timers and `Date` virtual until the current test ends. Bottleneck
 * (the throttling plugin's scheduler) and the retry plugin wait with
 * `setTimeout` and read `Date.now()`; the sandbox's clock follows `Date`.
 */
function useVirtualTime(): void {
  vi.useFakeTimers({ toFake: [...VIRTUAL_TIMERS], now: Date.now() });
  onTestFinished(() => {
    vi.useRealTimers();
  });
}

/**
 * Resolves with `work`. Time moves only when nothing else can: after a turn
 * of the event loop (`setImmediate`, which is never faked) in which the app
 * made no progress — no request, log line or webhook — virtual time jumps
 * to the next timer (a plugin's wait, Bottleneck's spacing of writes) and
 * runs it. So virtual time passes as the app waits, however slow the machine.
 */
async function whileTimePasses<T>(work: Promise<T>, progress: () => number, lastWords: () => string): Promise<T> {
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  // Its failure is the caller's, once it is returned; until then, the loop below may be waiting on a timer.
  finished.catch(() => undefined);
  const started = Date.now();
  while (!done) {
    const before = progress();
    await new Promise((resolve) => setImmediate(resolve));
    if (done || progress() !== before) continue;
    if (Date.now() - started > VIRTUAL_LIMIT_MS) throw new Error(`The factory was still busy after ${VIRTUAL_LIMIT_MS / 60_000} virtual minutes. Last:\n${lastWords()}`);
    await vi.advanceTimersToNextTimerAsync();
  }
  return finished;
}

/**
 * Starts the app the way tests should: the real Probot class with JWT auth
 * and signed in-process deliveries, its Octokit pointed at the sandbox's
 * in-process `fetch` — the Octokit production runs ({@link FactoryOctokit}:
 * Probot's retry and throttling plugins) on virtual time, unless
 * `realRetries: false` or `serve` turn both plugins off.
 */
export async function startFactory(
  options: {
    sandbox?: Sandbox;
    clock?: Clock;
    /** Replaces acme/api's `.github/factory.yml`. */
    repoConfig?: string;
    /** Replaces the organisation's `.github/factory.yml` in acme/.github (members, tokens, budget and ledger are read only from it). */
    orgConfig?: string;
    /** Factory's environment (member tokens are read from it by name); by default, the demo's: JULES_TOKEN holds the maintainer's token. */
    env?: NodeJS.ProcessEnv;
    /** Keep each repository's dashboard issue up to date after every job (off by default: most tests count issues). */
    dashboards?: boolean;
    /**
     * Runs the app inside Probot's own HTTP `Server` on loopback, as
     * `probot run` does (webhooks arrive by signed HTTP POST, `/metrics` is
     * served), instead of delivering to Probot in-process.
     */
    serve?: boolean;
    /**
     * Runs the app with the Octokit it runs with in production —
     * {@link FactoryOctokit}: Probot's real retry and throttling plugins — on
     * virtual time: timers and `Date` are faked until the test ends, and
     * `settle()` and `run()` move time on while they wait, so a minute's wait
     * for a rate limit takes no real time. On by default in tests; `serve`
     * (real HTTP, real time) and the bench (outside vitest) run with both
     * plugins off.
     */
    realRetries?: boolean;
    /** A world seeded already, on `sandbox`: this Factory is a restart of one that ran there before. */
    world?: DemoWorld;
    /**
     * Kills this Factory just before its `killAtWrite`-th write to GitHub (1
     * for the first): that request is never sent, every later request of
     * this app hangs as in a dead process, and deliveries to it are lost
     * until another Factory starts on the sandbox ({@link FactoryHarness.dead}).
     */
    killAtWrite?: number;
    /** The queue jobs wait in (default: a fresh one in memory); instances given one Redis queue share their jobs. */
    queue?: JobQueue;
    /** State shared with other instances (default: this app's own, in memory). */
    state?: SharedState;
    /**
     * One instance of several behind a balancer: killed (`killAtWrite`), it
     * hangs in its request as a dead process would and its queue dies with
     * it (a Redis queue stops renewing its running job's lock), but GitHub's
     * deliveries keep reaching the other instances.
     */
    fleet?: boolean;
  } = {},
): Promise<FactoryHarness> {
  if (options.realRetries && options.serve) throw new Error("startFactory: realRetries runs in-process; it cannot be combined with serve");
  // Faked timers need vitest; the bench runs the harness on its own, with both plugins off as before.
  const realRetries = options.realRetries ?? (!options.serve && process.env.VITEST !== undefined);
  if (realRetries) useVirtualTime();
  const sandbox = options.sandbox ?? new Sandbox({ profile: "production", mergeabilityDelayMs: 0 });
  const world =
    options.world ??
    seedDemo(sandbox, {
      ...(options.repoConfig === undefined ? {} : { repoConfig: options.repoConfig }),
      ...(options.orgConfig === undefined ? {} : { orgConfig: options.orgConfig }),
    });
  // A restart: GitHub reaches Factory again.
  if (options.world) sandbox.webhooks.lose(false);
  const logs: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      callback();
    },
  });
  const log = pino({ level: "debug" }, stream);
  const queue = options.queue ?? new InProcessQueue({ log });
  const killer = killSwitch(sandbox, options.killAtWrite, options.fleet ? () => void (queue as Partial<{ kill(): Promise<void> }>).kill?.() : undefined);

  // Bottleneck's limiters are shared by every Octokit of a process, keyed by
  // the throttle `id`: each story keys its own, so a request a finished story
  // left waiting on its (now discarded) virtual timers holds no slot here.
  const throttleId = `story-${++stories}`;
  const Octokit = realRetries
    ? FactoryOctokit.defaults((defaults: Record<string, unknown>) => ({ ...defaults, throttle: { ...(defaults.throttle as object | undefined), id: throttleId } }))
    : ProbotOctokit.defaults((defaults: Record<string, unknown>) => ({
        ...defaults,
        retry: { enabled: false },
        throttle: { enabled: false },
      }));
  const metrics = createMetrics();
  const probotOptions = { appId: world.app.id, privateKey: world.app.privateKey, secret: world.app.webhookSecret, Octokit, log, request: { fetch: killer.fetch } };
  // Pacing never waits in real time in tests: by default the app's clock is virtual.
  let factory: LoadedFactory | undefined;
  const appFn = createApp({
    queue,
    ...(options.state ? { state: options.state } : {}),
    loaded: (loaded) => {
      factory = loaded;
    },
    // As in the demo: the organisation's file triggers Jules with the token in JULES_TOKEN, the maintainer's, so Jules does not ignore it.
    env: options.env ?? { JULES_TOKEN: sandbox.createUserToken(world.maintainer) },
    clock: options.clock ?? new VirtualClock(),
    sweep: false,
    dashboardDelayMs: options.dashboards ? 0 : null,
    // A member's token goes through the same in-process GitHub, logging where the app's client does (as memberOctokit does).
    // Agents' own APIs are the sandbox's stand-ins, reached on loopback only.
    agentFetch: sandbox.julesApi.fetch,
    userOctokit: (token, like) => new Octokit({ auth: { token }, request: { fetch: killer.fetch }, log: like.log }) as never,
    metrics,
  });
  let probot: Probot;
  let url: string | undefined;
  let stop = async () => {};
  if (options.serve) {
    const port = await freePort();
    // The Server builds its own Probot, passing `request` explicitly (undefined would override a default).
    const server = new Server({ Probot: Probot.defaults(probotOptions), request: probotOptions.request, log, port, host: "127.0.0.1" });
    let loaded: Probot | undefined;
    const capture: ApplicationFunction = async (app, appOptions) => {
      loaded = app;
      await appFn(app, appOptions);
    };
    await server.load(capture);
    await server.start();
    probot = loaded as Probot;
    url = `http://127.0.0.1:${port}`;
    stop = () => server.stop();
    sandbox.webhooks.toUrl(`${url}/api/github/webhooks`, world.app.webhookSecret);
  } else {
    probot = new Probot(probotOptions);
    await probot.load(appFn);
    sandbox.webhooks.toProbot(probot);
  }
  // Every request is logged (Probot's request logging), so a growing log is progress.
  const progress = () => logs.length + sandbox.requests.entries.length + sandbox.webhooks.pending;
  const lastWords = () =>
    [...sandbox.requests.entries.slice(-5).map((entry) => `${entry.method} ${entry.path} → ${entry.status}`), ...logs.slice(-5).map((line) => String(line.msg))].join("\n");
  const wait = <T>(work: Promise<T>): Promise<T> => (realRetries ? whileTimePasses(work, progress, lastWords) : work);
  const settle = async () => {
    for (let round = 0; round < 50; round++) {
      await wait(sandbox.webhooks.flush());
      await wait(queue.onIdle());
      const counts = await queue.counts();
      if (sandbox.webhooks.pending === 0 && counts.waiting + counts.delayed + counts.active === 0) return;
    }
    throw new Error("The factory did not settle after 50 rounds of webhooks and jobs");
  };
  const loaded = factory as LoadedFactory;
  const sweep = async () => {
    const swept = await wait(loaded.sweep());
    await settle();
    return swept;
  };
  return {
    sandbox,
    world,
    probot,
    queue,
    factory: loaded,
    sweep,
    logs,
    metrics,
    ...(url ? { url } : {}),
    stop: async () => {
      await stop();
      await loaded.close();
    },
    settle,
    run: wait,
    dead: killer.dead,
  };
}

/**
 * The fetch a Factory talks to the sandbox through, and the switch that kills
 * it at its `at`-th write (a REST request other than GET, or a GraphQL
 * mutation): from then on nothing it sends reaches GitHub, and GitHub's
 * deliveries to it are lost, as to a process that died.
 */
function killSwitch(sandbox: Sandbox, at: number | undefined, inFleet?: () => void): { fetch: typeof sandbox.fetch; dead: () => boolean } {
  let writes = 0;
  let dead = false;
  const fetch: typeof sandbox.fetch = async (input, init) => {
    // One of several instances: a dead process's requests never return, and the others carry on.
    if (dead && inFleet) return new Promise<never>(() => undefined);
    if (dead) throw new Error("this Factory was killed");
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? init.body : "";
    const isWrite = method !== "GET" && (!String(input).endsWith("/graphql") || isMutation(body));
    if (at !== undefined && isWrite && !String(input).includes("/access_tokens") && ++writes >= at) {
      dead = true;
      if (inFleet) {
        inFleet();
        return new Promise<never>(() => undefined);
      }
      sandbox.webhooks.lose(true);
      throw new Error("this Factory was killed");
    }
    return sandbox.fetch(input, init);
  };
  return { fetch, dead: () => dead };
}

function isMutation(body: string): boolean {
  try {
    return String((JSON.parse(body) as { query?: unknown }).query ?? "").trimStart().startsWith("mutation");
  } catch {
    return false;
  }
}
