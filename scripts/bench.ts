/**
 * `npm run bench` (`-- --json` for one JSON object, `-- --help` for usage): fixed scenarios on the
 * in-process sandbox. For each: requests by kind (REST, GraphQL queries,
 * GraphQL points) against the fewest the work could take, and against the
 * naive approach shell runbooks use where one applies; handler latency per
 * event (p50/p99); events per second through the queue; peak memory.
 * Pacing runs on a virtual clock, so waiting for GitHub's secondary limits
 * costs no real time.
 */
import { readFileSync } from "node:fs";
import type { AgentActor, Sandbox, SandboxProfile } from "@factory/sandbox";
import type { FactoryHarness } from "../test/helpers/factory-harness.js";
import type { VirtualClock } from "../test/helpers/virtual-clock.js";
import { exitWith, readScriptOptions } from "./script-options.js";

const USAGE = `Usage: npm run bench -- [--json] [--help] [--version]

Runs fixed scenarios on the in-process GitHub sandbox and prints, for each,
the requests made against the fewest the work could take, handler latency,
events per second and peak memory. Nothing leaves this machine; the whole run
takes minutes.

  --json     print one JSON object { scenarios, handlers, jobs } instead of tables
  --help     print this and exit
  --version  print Factory's version and exit

Environment:
  BENCH_ONLY      one scenario only: onboard, http, life or fleet
  BENCH_EVENTS    webhook events in the mixed and HTTP scenarios (default 10000)
  BENCH_CHILDREN  children per epic in the fleet scenario (default 30)
  BENCH_PROFILE   the sandbox's merge rules: production (default) or kind
`;

const flags = readScriptOptions({ name: "bench", usage: USAGE, flags: ["json"] });
checkBenchEnvironment(process.env);
// Loaded only now: --help and a typo answer before any of it starts.
const { Sandbox: SandboxClass } = await import("@factory/sandbox");
const { seedDemo } = await import("../demo/seed-demo.js");
const { startAppProcess } = await import("../demo/start-app-process.js");
const { startFactory } = await import("../test/helpers/factory-harness.js");
const { VirtualClock: VirtualClockClass } = await import("../test/helpers/virtual-clock.js");
const { startRedis } = await import("../test/helpers/redis-server.js");
const { RedisQueue } = await import("../src/queue/redis-queue.js");
const { RedisState } = await import("../src/queue/redis-state.js");

/** The BENCH_* variables, checked before anything runs: a typo ends in one line. */
function checkBenchEnvironment(env: NodeJS.ProcessEnv): void {
  const oneOf = (name: string, values: string[]) => {
    const value = env[name];
    if (value !== undefined && value !== "" && !values.includes(value)) exitWith(`bench: ${name} must be one of ${values.join(", ")}, not '${value.slice(0, 40)}'; set it to one of them, or unset it`);
  };
  oneOf("BENCH_ONLY", ["onboard", "http", "life", "fleet"]);
  oneOf("BENCH_PROFILE", ["production", "kind"]);
  for (const name of ["BENCH_EVENTS", "BENCH_CHILDREN"]) {
    const value = env[name];
    if (value !== undefined && value !== "" && !(/^\d+$/.test(value) && Number(value) > 0)) exitWith(`bench: ${name} must be a positive integer, not '${value.slice(0, 40)}'; set it to a count, or unset it`);
  }
}

/**
 * The sandbox's merge profile: github.com's rules (`production`, the default)
 * or the older, kinder model (`BENCH_PROFILE=kind`), to compare the two.
 * Mergeability is computed at once in both: the whole-life scenario keeps the
 * sandbox on real time (installation tokens), where a delay would only add
 * idle seconds.
 */
const PROFILE = {
  profile: (process.env.BENCH_PROFILE ?? "production") as SandboxProfile,
  mergeabilityDelayMs: 0,
  // The tests check every response against GitHub's schemas; the bench times Factory, not that check.
  validateResponses: false,
};

interface Scenario {
  name: string;
  requests: { rest: number; graphql: number; cost: number };
  minimum: number | null;
  naive: number | null;
  p50_ms: number | null;
  p99_ms: number | null;
  events_per_s: number | null;
  peak_rss_mb: number;
  notes: string;
}

const scenarios: Scenario[] = [];
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

function counts(sandbox: Sandbox): Scenario["requests"] {
  const graphql = [...sandbox.requests.graphql.values()];
  return {
    rest: [...sandbox.requests.rest.values()].reduce((a, b) => a + b, 0),
    graphql: graphql.reduce((a, b) => a + b.count, 0),
    cost: graphql.reduce((a, b) => a + b.cost, 0),
  };
}

/** Handler time per event type (`issue_comment.created`), in ms, over every scenario. */
const handlerTimes = new Map<string, number[]>();
/** Background job time per job name, over every scenario. */
const jobTimes = new Map<string, { runs: number; seconds: number }>();

/** Adds a scenario's webhook handler times and job durations to the totals. */
async function collect(h: FactoryHarness): Promise<void> {
  for (const delivery of h.sandbox.webhooks.log) {
    if (delivery.durationMs === undefined) continue;
    const key = delivery.action ? `${delivery.name}.${delivery.action}` : delivery.name;
    const times = handlerTimes.get(key) ?? [];
    times.push(delivery.durationMs);
    handlerTimes.set(key, times);
  }
  for (const value of (await h.metrics.jobDuration.get()).values) {
    const name = String(value.labels.name);
    const total = jobTimes.get(name) ?? { runs: 0, seconds: 0 };
    if (value.metricName === "factory_job_duration_seconds_count") total.runs += value.value;
    if (value.metricName === "factory_job_duration_seconds_sum") total.seconds += value.value;
    jobTimes.set(name, total);
  }
}

const SNAPSHOT_QUERIES = ["FactoryEpicBody", "FactoryEpic", "FactoryEpicMore"];

/**
 * The requests of the naive approach shell runbooks use on the same work:
 * everything Factory sent, with its monitor snapshots replaced by one issue
 * read per child per look (`reads`) and its tick writes by one edit per tick
 * (`ticks`).
 */
function naiveTicking(sandbox: Sandbox, epic: number, reads: number, ticks: number): number {
  const all = counts(sandbox);
  const snapshots = SNAPSHOT_QUERIES.reduce((sum, name) => sum + (sandbox.requests.graphql.get(name)?.count ?? 0), 0);
  // Factory's edits of the epic's body are its tick writes.
  const tickWrites = sandbox.requests.entries.filter((entry) => entry.method === "PATCH" && entry.path === `/repos/acme/api/issues/${epic}`).length;
  return all.rest + all.graphql - snapshots - tickWrites + reads + ticks;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 10) / 10;
}

async function world(config: string, secondary = false): Promise<{ h: FactoryHarness; sandbox: Sandbox; clock: VirtualClock }> {
  const clock = new VirtualClockClass();
  const sandbox = new SandboxClass({ now: clock.now, secondaryRateLimits: secondary, ...PROFILE });
  const h = await startFactory({ sandbox, clock, repoConfig: config });
  return { h, sandbox, clock };
}

function implementation(sandbox: Sandbox, i: number, type = ["security", "quality", "performance", "testing", "docs"][i % 5] as string): number {
  return sandbox.as("mona").createIssue({
    owner: "acme",
    repo: "api",
    title: `${type}(pkg${i}): ${type} item ${i}`,
    body: `- \`internal/pkg${i}/x.go:1\`\n\n## Acceptance criteria\n\n- [ ] done\n`,
    labels: [`type:${type}`],
  }).number;
}

async function auditOf200(): Promise<void> {
  const { h, sandbox, clock } = await world("_extends: .github\n", true);
  const body = readFileSync(new URL("../fixtures/audits/long-200.md", import.meta.url), "utf8");
  const audit = sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "[Audit] Platform-wide review", body });
  await h.settle();
  sandbox.requests.reset();
  const started = performance.now();
  sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: audit.number, body: "/factory audit" });
  await h.settle();
  const ms = performance.now() - started;
  const created = (sandbox.issues("acme", "api") as Array<{ body: string | null }>).filter((i) => /factory:(finding|framework) /.test(i.body ?? "")).length;
  const labels = sandbox.requests.rest.get("POST /repos/{owner}/{repo}/labels") ?? 0;
  const refused = sandbox.requests.entries.filter((entry) => entry.status === 403).length;
  await collect(h);
  scenarios.push({
    name: "audit of 200 findings",
    requests: counts(sandbox),
    // One write per issue and label, the report, the reply, closing, two reactions; one read each of config, permission, audit, issues, labels.
    minimum: created + labels + 2 + 1 + 2 + 5,
    naive: null,
    p50_ms: Math.round(ms),
    p99_ms: null,
    events_per_s: null,
    peak_rss_mb: Math.round(peakRss / 1_048_576),
    notes: `${created} issues (incl. framework issues), ${refused} secondary-limit 403s, ${(clock.slept / 60_000).toFixed(1)} virtual minutes of pacing`,
  });
}

async function epicPlanningOf300(): Promise<void> {
  const { h, sandbox } = await world("_extends: .github\nepics:\n  maxChildren: 10\n");
  for (let i = 0; i < 300; i++) implementation(sandbox, i);
  await h.settle();
  sandbox.requests.reset();
  const started = performance.now();
  sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
  await h.settle();
  const ms = performance.now() - started;
  const epics = (sandbox.issues("acme", "api") as Array<{ body: string | null }>).filter((i) => (i.body ?? "").includes("factory:epic ")).length;
  await collect(h);
  scenarios.push({
    name: "epic planning of 300 issues",
    requests: counts(sandbox),
    // Per epic: create, branch, ready comment; per child: Parent comment, sub-issue link, a dependency read; plus the reads and the reply.
    minimum: epics * 3 + 300 * 3 + 10,
    naive: null,
    p50_ms: Math.round(ms),
    p99_ms: null,
    events_per_s: null,
    peak_rss_mb: Math.round(peakRss / 1_048_576),
    notes: `${epics} epics`,
  });
}

async function epicOf100(): Promise<void> {
  const { h, sandbox } = await world("_extends: .github\nepics:\n  maxChildren: 100\n  themedFrom: 1000\nmerge:\n  auto: false\n");
  const children = Array.from({ length: 100 }, (_, i) => implementation(sandbox, i, "quality"));
  await h.settle();
  sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
  await h.settle();
  const epic = (sandbox.issues("acme", "api") as Array<{ number: number; body: string | null }>).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
  const branch = sandbox.branches("acme", "api").find((b) => b.name.startsWith(`epic/${epic}-`))?.name as string;
  const pulls = children.map(
    (child) =>
      sandbox.as("mona").openPullRequest({ owner: "acme", repo: "api", head: `agent/${child}-work`, base: branch, title: `work ${child}`, body: `Fixes #${child}`, files: { [`changes/${child}.md`]: "x\n" } }).number,
  );
  await h.settle();
  // Handler latency: one check run at a time, each fully handled (webhook, queue, pass) before the next.
  sandbox.requests.reset();
  const latencies: number[] = [];
  for (const pull of pulls.slice(0, 40)) {
    const head = sandbox.snapshot().pulls.find((p) => p.number === pull)?.headSha as string;
    const started = performance.now();
    sandbox.ci.complete({ owner: "acme", repo: "api", sha: head, name: "test", conclusion: "success" });
    await h.settle();
    latencies.push(performance.now() - started);
  }
  const perEvent = counts(sandbox);
  scenarios.push({
    name: "check run on an epic of 100 children (40 events)",
    requests: perEvent,
    minimum: null,
    // The runbooks' way looks for closed-but-unticked children on every event: one read per child instead of a snapshot.
    naive: naiveTicking(sandbox, epic, 40 * 100, 0),
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    events_per_s: Math.round((latencies.length / latencies.reduce((a, b) => a + b, 0)) * 1000 * 10) / 10,
    peak_rss_mb: Math.round(peakRss / 1_048_576),
    notes: `${(perEvent.rest / 40).toFixed(1)} REST and ${(perEvent.graphql / 40).toFixed(1)} GraphQL queries per event`,
  });
  // Every pull request merged while Factory heard nothing; one sync catches up.
  sandbox.webhooks.lose(true);
  for (const pull of pulls) sandbox.as("mona").mergePullRequest({ owner: "acme", repo: "api", pull });
  sandbox.webhooks.lose(false);
  await h.settle();
  sandbox.requests.reset();
  const started = performance.now();
  sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: "/factory sync" });
  await h.settle();
  const ms = performance.now() - started;
  await collect(h);
  scenarios.push({
    name: "sync after 100 merges no webhook reported",
    requests: counts(sandbox),
    // Each child must be closed; the body ticked once; the epic PR opened; plus the reads and the reply.
    minimum: 100 + 1 + 1 + 8,
    // The runbooks' way: read every child to find the merged-but-open ones, and edit the epic body once per tick.
    naive: naiveTicking(sandbox, epic, 100, 100),
    p50_ms: Math.round(ms),
    p99_ms: null,
    events_per_s: null,
    peak_rss_mb: Math.round(peakRss / 1_048_576),
    notes: "closes, one tick write, journal, epic pull request",
  });
}

/**
 * From `/factory dispatch next` to the merged epic: the agent works, CI
 * passes every head and mona approves every pull request, round after round,
 * until the epic is closed (or 400 rounds pass).
 */
async function driveToMerged(sandbox: Sandbox, h: FactoryHarness, jules: AgentActor, epic: number): Promise<void> {
  sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: "/factory dispatch next" });
  await h.settle();
  await jules.work();
  await h.settle();
  for (let round = 0; round < 400 && (sandbox.issue("acme", "api", epic) as { state: string }).state !== "closed"; round++) {
    for (const pull of sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api" && !p.merged)) {
      if (!pull.reviews.includes("mona:APPROVED")) sandbox.as("mona").review({ owner: "acme", repo: "api", pull: pull.number, event: "APPROVE" });
      if (!sandbox.snapshot().checkRuns.some((r) => r.headSha === pull.headSha && r.name === "test")) {
        sandbox.ci.complete({ owner: "acme", repo: "api", sha: pull.headSha, name: "test", conclusion: "success" });
      }
    }
    await h.settle();
  }
}

/** An epic of 100 children from dispatch to the merged epic, with a simulated agent, CI and a reviewer. */
async function wholeLifeOf100(): Promise<void> {
  const config = "_extends: .github\nepics:\n  maxChildren: 100\n  themedFrom: 1000\n";
  // Members, their tokens and shares are the organisation's to set (a repository's file cannot).
  const orgConfig = "agents:\n  - name: jules\nbudget:\n  members:\n    - login: mona\n      dailyQuota: 300\n      tokenEnv: MONA_TOKEN\n  repoShare: 1\n";
  const clock = new VirtualClockClass();
  const sandbox = new SandboxClass(PROFILE);
  const env: NodeJS.ProcessEnv = {};
  // Dashboards on, re-rendered after every job: the worst case of their one-a-minute debounce.
  const h = await startFactory({ sandbox, clock, repoConfig: config, orgConfig, env, dashboards: true });
  env.MONA_TOKEN = sandbox.createUserToken("mona");
  const jules = sandbox.addAgent({ preset: "jules" });
  for (let i = 0; i < 100; i++) implementation(sandbox, i, "quality");
  await h.settle();
  sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
  await h.settle();
  const epic = (sandbox.issues("acme", "api") as Array<{ number: number; body: string | null }>).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
  sandbox.requests.reset();
  const started = performance.now();
  await driveToMerged(sandbox, h, jules, epic);
  const ms = performance.now() - started;
  const closed = (sandbox.issue("acme", "api", epic) as { state: string }).state === "closed";
  const merged = sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api" && p.merged && p.base !== "main").length;
  const graphqlSpent = h.logs.some((l) => String((l.err as { message?: string } | undefined)?.message ?? "").includes("API rate limit exceeded"));
  if (process.env.BENCH_DEBUG) {
    process.stderr.write(`${JSON.stringify([...sandbox.requests.graphql.entries()])} ${JSON.stringify(process.memoryUsage())} logs=${h.logs.length} logsBytes=${JSON.stringify(h.logs).length} webhookBytes=${sandbox.webhooks.log.reduce((a, d) => a + d.body.length * 2, 0)}\n`);
    process.stderr.write(`${[...sandbox.requests.rest.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${v} ${k}`).join("\n")}\n`);
    const all = sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api");
    process.stderr.write(`${all.filter((p) => p.merged).length} merged of ${all.length}; open states: ${JSON.stringify(all.filter((p) => !p.merged).slice(0, 5).map((p) => [p.number, p.mergeableState, p.autoMerge, p.reviews]))}\n`);
    process.stderr.write(`${JSON.stringify(h.logs.filter((l) => (l.level as number) >= 40).slice(-3).map((l) => [l.msg, (l.err as { message?: string })?.message]))}\n`);
  }
  await collect(h);
  scenarios.push({
    name: "an epic of 100 children through its whole life",
    requests: counts(sandbox),
    // Per child: the trigger, the target comment, the dispatched label, one merge, one close, its check run;
    // per epic: the ledger write, a few ticks and comments, its own pull request, merge, close, branch deletion.
    // Per child: the trigger, its dispatched label, its check run, bringing it up to date after the sibling before it
    // merged, the merge, the close, the tick, its journal line, one monitor snapshot; per epic: ~10 (ledger, epic PR, …).
    minimum: 100 * 9 + 10,
    // The runbooks' way: after each merge, read every child to find the closed-but-unticked ones, one edit per tick.
    naive: naiveTicking(sandbox, epic, merged * 100, merged),
    p50_ms: Math.round(ms),
    p99_ms: null,
    events_per_s: Math.round(sandbox.webhooks.log.length / (ms / 1000)),
    peak_rss_mb: Math.round(peakRss / 1_048_576),
    notes: `${merged} of 100 merged, epic ${closed ? "merged and closed" : "NOT closed"}; ${sandbox.webhooks.log.length} webhooks; ${Math.round((counts(sandbox).rest + counts(sandbox).graphql) / 100)} requests per child; ${throughputBound(sandbox, 100)}${graphqlSpent ? "; the installation's 5,000 GraphQL points an hour ran out" : ""}`,
  });
}

/**
 * The whole life of an epic of `children` on one instance (jobs in memory)
 * or on three sharing one Redis behind a balancer that splits GitHub's
 * deliveries between them: the requests, the wall time, and whether the
 * two end the same (every child merged, the epic merged and closed, one
 * ledger line per child).
 */
async function fleetLife(count: 1 | 3, children: number, redisUrl: string): Promise<{ ms: number; requests: Scenario["requests"]; merged: number; closed: boolean; ledger: number; webhooks: number }> {
  const config = `_extends: .github\nepics:\n  maxChildren: ${children}\n  themedFrom: 1000\n`;
  const orgConfig = "agents:\n  - name: jules\nbudget:\n  members:\n    - login: mona\n      dailyQuota: 300\n      tokenEnv: MONA_TOKEN\n  repoShare: 1\n";
  const sandbox = new SandboxClass(PROFILE);
  const env: NodeJS.ProcessEnv = {};
  const prefix = `bench-${count}-${Date.now()}`;
  const shared = () => (count === 1 ? {} : { queue: new RedisQueue({ url: redisUrl, prefix, backoffMs: 100 }), state: new RedisState({ url: redisUrl, prefix: `${prefix}:` }) });
  const first = await startFactory({ sandbox, clock: new VirtualClockClass(), repoConfig: config, orgConfig, env, dashboards: true, ...shared() });
  const fleet = [first];
  for (let i = 1; i < count; i++) fleet.push(await startFactory({ sandbox, world: first.world, clock: new VirtualClockClass(), env, dashboards: true, ...shared() }));
  let turn = 0;
  if (count > 1) sandbox.webhooks.toProbot({ receive: (event: never) => (fleet[turn++ % fleet.length] as FactoryHarness).probot.receive(event) });
  env.MONA_TOKEN = sandbox.createUserToken("mona");
  const jules = sandbox.addAgent({ preset: "jules" });
  for (let i = 0; i < children; i++) implementation(sandbox, i, "quality");
  await first.settle();
  sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
  await first.settle();
  const epic = (sandbox.issues("acme", "api") as Array<{ number: number; body: string | null }>).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
  sandbox.requests.reset();
  const started = performance.now();
  await driveToMerged(sandbox, first, jules, epic);
  const ms = performance.now() - started;
  const ledger = (sandbox.file("acme", ".github", "factory-ledger", `factory/dispatch-${new Date().toISOString().slice(0, 7)}.jsonl`) ?? "").split("\n").filter(Boolean).length;
  const result = {
    ms,
    requests: counts(sandbox),
    merged: sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api" && p.merged && p.base !== "main").length,
    closed: (sandbox.issue("acme", "api", epic) as { state: string }).state === "closed",
    ledger,
    webhooks: sandbox.webhooks.log.length,
  };
  for (const h of fleet) await h.stop();
  return result;
}

/** One instance against three on Redis, over the same whole life. */
async function oneVersusThree(children: number): Promise<void> {
  const redis = await startRedis();
  try {
    for (const count of [1, 3] as const) {
      const run = await fleetLife(count, children, redis.url);
      scenarios.push({
        name: `an epic of ${children} children through its whole life, ${count === 1 ? "one instance (jobs in memory)" : "three instances on one Redis"}`,
        requests: run.requests,
        minimum: children * 9 + 10,
        naive: null,
        p50_ms: Math.round(run.ms),
        p99_ms: null,
        events_per_s: Math.round(run.webhooks / (run.ms / 1000)),
        peak_rss_mb: Math.round(peakRss / 1_048_576),
        notes: `${run.merged} of ${children} merged, epic ${run.closed ? "merged and closed" : "NOT closed"}; ${run.ledger} ledger lines; ${run.webhooks} webhooks${count === 3 ? ", split between the instances" : ""}`,
      });
    }
  } finally {
    await redis.stop();
  }
}

/**
 * Requests that create content on GitHub, which its secondary limits cap at
 * about 80 a minute and 500 an hour per installation
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits):
 * new issues, comments, pull requests, reviews, check runs and file commits.
 */
function isCreation(entry: { method: string; route: string }): boolean {
  if (entry.method === "PUT") return entry.route.endsWith("/contents/{path}");
  if (entry.method !== "POST") return false;
  return /\/issues$|\/comments$|\/pulls$|\/reviews$|\/check-runs$|\/git\/refs$/.test(entry.route);
}

/**
 * How many children an installation can finish in an hour at this cost per
 * child, under each of GitHub's hourly budgets — 5,000 REST requests, 5,000
 * GraphQL points, about 500 content creations — and which one binds first.
 */
function throughputBound(sandbox: Sandbox, children: number): string {
  const { rest, cost } = counts(sandbox);
  const creations = sandbox.requests.entries.filter(isCreation).length;
  if (process.env.BENCH_DEBUG) {
    const byRoute = new Map<string, number>();
    for (const entry of sandbox.requests.entries.filter(isCreation)) byRoute.set(entry.route, (byRoute.get(entry.route) ?? 0) + 1);
    process.stderr.write(`creations: ${JSON.stringify([...byRoute])}\n`);
  }
  const perChild = { rest: rest / children, points: cost / children, creations: creations / children };
  const bounds = [
    ["REST requests", 5000 / perChild.rest],
    ["GraphQL points", 5000 / perChild.points],
    ["content creations", 500 / perChild.creations],
  ] as const;
  const [binding, bound] = [...bounds].sort((a, b) => a[1] - b[1])[0] as (typeof bounds)[number];
  const f = (n: number) => n.toFixed(1);
  return `per child ${f(perChild.rest)} REST, ${f(perChild.points)} points, ${f(perChild.creations)} creations: at most ${Math.floor(bound)} children an hour per installation, bound by ${binding}`;
}

/** Sixteen repositories of one organisation, each from an audit to phase 1 dispatched. */
async function onboard16(): Promise<void> {
  // The app paces on a virtual clock (16 repositories' writes pass GitHub's 500-an-hour limit, so it waits virtual
  // hours); the sandbox keeps real time so installation tokens stay valid, as they are refreshed in real time.
  const clock = new VirtualClockClass();
  const sandbox = new SandboxClass(PROFILE);
  const env: NodeJS.ProcessEnv = {};
  const h = await startFactory({ sandbox, clock, repoConfig: "_extends: .github\n", env });
  const config = "_extends: .github\naudit:\n  auto: true\nepics:\n  auto: true\nbudget:\n  members:\n    - login: mona\n      dailyQuota: 300\n  repoShare: 0.4\n";
  const body = readFileSync(new URL("../fixtures/audits/severity-headings.md", import.meta.url), "utf8");
  const repos = Array.from({ length: 16 }, (_, i) => `svc${i}`);
  for (const name of repos) {
    sandbox.createRepo({ owner: "acme", name, language: "Go", files: { ".github/factory.yml": config } });
    sandbox.addCollaborator({ owner: "acme", repo: name, login: "mona", permission: "write" });
  }
  sandbox.requests.reset();
  const started = performance.now();
  const latencies: number[] = [];
  for (const name of repos) {
    const t = performance.now();
    sandbox.as("mona").createIssue({ owner: "acme", repo: name, title: "[Audit] Billing review", body });
    await h.settle();
    const epic = (sandbox.issues("acme", name) as Array<{ number: number; body: string | null }>).find((i) => (i.body ?? "").includes("factory:epic "))?.number;
    if (epic) {
      const comment = sandbox.as("mona").comment({ owner: "acme", repo: name, issue: epic, body: "/factory dispatch next" });
      await h.settle();
      if (process.env.BENCH_DEBUG) {
        const reply = sandbox.comments("acme", name, epic).find((c) => c.body.includes(`comment=${comment.id} `))?.body ?? "(no reply)";
        process.stderr.write(`${name}: ${reply.split("\n").slice(0, 4).join(" | ")}\n`);
      }
    } else if (process.env.BENCH_DEBUG) {
      process.stderr.write(`${name}: no epic ${JSON.stringify(h.logs.filter((l) => (l.level as number) >= 40).slice(-3).map((l) => [l.msg, (l.err as { message?: string })?.message]))}\n`);
    }
    latencies.push(performance.now() - t);
  }
  const ms = performance.now() - started;
  const dispatched = sandbox.snapshot().issues.filter((i) => i.labels.includes("factory:dispatched")).length;
  await collect(h);
  scenarios.push({
    name: "16 repositories onboarded: audit → epic → phase 1 dispatched",
    requests: counts(sandbox),
    minimum: null,
    naive: null,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    events_per_s: Math.round(sandbox.webhooks.log.length / (ms / 1000)),
    peak_rss_mb: Math.round(peakRss / 1_048_576),
    notes: `${dispatched} children dispatched; latency is per repository, audit to dispatch reply`,
  });
}

async function mixedEvents(count: number): Promise<void> {
  const { h, sandbox } = await world("_extends: .github\n");
  const issue = sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "Chatter", body: "" }).number;
  await h.settle();
  sandbox.requests.reset();
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    switch (i % 4) {
      case 0:
        sandbox.as("mona").comment({ owner: "acme", repo: "api", issue, body: `note ${i}` });
        break;
      case 1:
        sandbox.as("mona").addLabels({ owner: "acme", repo: "api", issue, labels: [`tag-${i % 7}`] });
        break;
      case 2:
        sandbox.as("mona").editIssue({ owner: "acme", repo: "api", issue, body: `body ${i}` });
        break;
      default:
        sandbox.ci.complete({ owner: "acme", repo: "api", sha: "main", name: `job-${i % 5}`, conclusion: "success" });
    }
    if (i % 200 === 199) await h.settle();
  }
  await h.settle();
  const seconds = (performance.now() - started) / 1000;
  await collect(h);
  scenarios.push({
    name: `${count} webhook events of mixed types`,
    requests: counts(sandbox),
    minimum: null,
    naive: null,
    p50_ms: null,
    p99_ms: null,
    events_per_s: Math.round(sandbox.webhooks.log.length / seconds),
    peak_rss_mb: Math.round(peakRss / 1_048_576),
    notes: `${sandbox.webhooks.log.length} deliveries (comments without commands, labels, edits, check runs off any epic)`,
  });
}

/** A process's peak and current resident memory in MB, from /proc (Linux). */
function memoryOf(pid: number | undefined): { peak: number; now: number } {
  const status = pid === undefined ? "" : readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { peak: Math.round(kb("VmHWM") / 1024), now: Math.round(kb("VmRSS") / 1024) };
}

/**
 * The app process alone, as production runs it (`probot run` of src/main.ts,
 * through tsx as the demo does), receiving `count` signed webhooks over HTTP
 * from the sandbox, which runs in this process: its memory is the app's only.
 */
async function appOverHttp(count: number): Promise<void> {
  const sandbox = new SandboxClass({ profile: "production", mergeabilityDelayMs: 0 });
  const world = seedDemo(sandbox, { repoConfig: "_extends: .github\n" });
  const { url } = await sandbox.listen();
  const app = await startAppProcess({ appId: world.app.id, privateKey: world.app.privateKey, webhookSecret: world.app.webhookSecret, githubUrl: url, logLevel: "warn" });
  sandbox.webhooks.toUrl(app.webhookUrl, world.app.webhookSecret);
  try {
    const issue = sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "Chatter", body: "" }).number;
    await sandbox.webhooks.flush();
    const before = memoryOf(app.pid);
    sandbox.requests.reset();
    const sent = sandbox.webhooks.log.length;
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      if (i % 2 === 0) sandbox.as("mona").comment({ owner: "acme", repo: "api", issue, body: `note ${i}` });
      else sandbox.as("mona").editIssue({ owner: "acme", repo: "api", issue, body: `body ${i}` });
      if (i % 200 === 199) await sandbox.webhooks.flush();
    }
    await sandbox.webhooks.flush();
    const seconds = (performance.now() - started) / 1000;
    const deliveries = sandbox.webhooks.log.slice(sent);
    const failed = deliveries.filter((d) => d.status !== 200).length;
    const after = memoryOf(app.pid);
    scenarios.push({
      name: `${count} webhooks over HTTP to the app process alone`,
      requests: counts(sandbox),
      minimum: null,
      naive: null,
      p50_ms: null,
      p99_ms: null,
      events_per_s: Math.round(deliveries.length / seconds),
      peak_rss_mb: after.peak,
      notes: `${deliveries.length} signed deliveries, ${failed} not answered 200; the app process's RSS ${before.now} MB before, ${after.now} MB after, peak ${after.peak} MB (the sandbox runs in the bench's process)`,
    });
  } finally {
    await app.stop();
  }
}

if (process.env.BENCH_ONLY === "onboard") {
  await onboard16();
} else if (process.env.BENCH_ONLY === "http") {
  await appOverHttp(Number(process.env.BENCH_EVENTS ?? 10_000));
} else if (process.env.BENCH_ONLY === "life") {
  await wholeLifeOf100();
} else if (process.env.BENCH_ONLY === "fleet") {
  await oneVersusThree(Number(process.env.BENCH_CHILDREN ?? 30));
} else {
  await auditOf200();
  await epicPlanningOf300();
  await epicOf100();
  await wholeLifeOf100();
  await onboard16();
  await oneVersusThree(Number(process.env.BENCH_CHILDREN ?? 30));
}
if (!process.env.BENCH_ONLY) {
  await mixedEvents(Number(process.env.BENCH_EVENTS ?? 10_000));
  await appOverHttp(Number(process.env.BENCH_EVENTS ?? 10_000));
}
clearInterval(sampler);

const handlers = [...handlerTimes.entries()]
  .map(([event, times]) => ({ event, deliveries: times.length, p50_ms: percentile(times, 50), p99_ms: percentile(times, 99) }))
  .sort((a, b) => b.deliveries - a.deliveries);
const jobs = [...jobTimes.entries()]
  .map(([name, total]) => ({ name, runs: total.runs, mean_ms: total.runs === 0 ? null : Math.round((total.seconds / total.runs) * 10_000) / 10 }))
  .sort((a, b) => b.runs - a.runs);

if (flags.has("json")) {
  process.stdout.write(`${JSON.stringify({ scenarios, handlers, jobs }, null, 2)}\n`);
} else {
  const rows = scenarios.map((s) => [
    s.name,
    `${s.requests.rest} / ${s.requests.graphql} / ${s.requests.cost}`,
    s.minimum === null ? "—" : `${s.minimum} (×${((s.requests.rest + s.requests.graphql) / s.minimum).toFixed(2)})`,
    s.naive === null ? "—" : `${s.naive} (×${(s.naive / (s.requests.rest + s.requests.graphql)).toFixed(2)} more)`,
    s.p50_ms === null ? "—" : `${s.p50_ms}${s.p99_ms === null ? "" : ` / ${s.p99_ms}`}`,
    s.events_per_s === null ? "—" : String(s.events_per_s),
    String(s.peak_rss_mb),
    s.notes,
  ]);
  const header = ["scenario", "REST / GraphQL / points", "minimum", "naive", "ms p50 / p99", "events/s", "peak RSS MB", "notes"];
  process.stdout.write(`| ${header.join(" | ")} |\n| ${header.map(() => "---").join(" | ")} |\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n`);
  process.stdout.write(
    `\nHandler latency per event type (delivery received → handlers returned; the work runs in background jobs):\n\n` +
      `| event | deliveries | ms p50 / p99 |\n| --- | ---: | ---: |\n${handlers.map((e) => `| ${e.event} | ${e.deliveries} | ${e.p50_ms} / ${e.p99_ms} |`).join("\n")}\n`,
  );
  process.stdout.write(`\nBackground jobs:\n\n| job | runs | mean ms |\n| --- | ---: | ---: |\n${jobs.map((j) => `| ${j.name} | ${j.runs} | ${j.mean_ms ?? "—"} |`).join("\n")}\n`);
}
process.exit(0);
