import { beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/manual-clock.js";
import { Sandbox } from "../src/sandbox.js";
import { seedWorld, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;

/** `event.action` of every delivery to `installationId`, in the order GitHub would send them. */
function deliveries(world: World, installationId: number): string[] {
  return world.sandbox.webhooks.log
    .filter((d) => d.installationId === installationId && d.name !== "installation")
    .map((d) => (d.name === "status" ? `status.${String(d.payload.state)}` : `${d.name}${d.action ? `.${d.action}` : ""}`));
}

describe("automatic CI", () => {
  let world: World;
  let listener: number;
  beforeEach(() => {
    world = seedWorld({ now: new ManualClock("2025-05-01T09:00:00Z").now });
    const app = world.sandbox.createApp({ slug: "listener", events: ["push", "pull_request", "status", "check_run"] });
    listener = world.sandbox.installApp({ appId: app.id, account: "acme" });
  });

  it("posts a pending status some time after the push webhook, and its outcome later", () => {
    world.sandbox.ci.auto({ ...at, kind: "statuses", delayMs: 30_000, durationMs: 60_000, names: ["ci/build"] });
    const pushedAt = world.sandbox.now().getTime();
    const pull = world.sandbox.as("dev").openPullRequest({ ...at, head: "feature", title: "Feature" }).number;
    expect(deliveries(world, listener)).toEqual(["push", "pull_request.opened"]);

    // Right after the push GitHub has nothing from CI: no status, no check, mergeability unaffected.
    world.sandbox.advance(29_999);
    expect(world.sandbox.snapshot().statuses).toEqual([]);
    world.sandbox.advance(1);
    const head = world.sandbox.snapshot().pulls.find((p) => p.number === pull);
    expect(world.sandbox.snapshot().statuses).toEqual([{ repo: "acme/api", context: "ci/build", sha: head?.headSha, state: "pending", creator: "github-actions[bot]" }]);
    expect(world.sandbox.store.requireRepo("acme", "api").statuses.values().next().value?.createdAt.getTime()).toBe(pushedAt + 30_000);
    expect(head?.mergeableState).toBe("unstable");

    world.sandbox.advance(60_000);
    expect(world.sandbox.snapshot().statuses.map((s) => s.state)).toEqual(["pending", "success"]);
    expect(world.sandbox.snapshot().pulls.find((p) => p.number === pull)?.mergeableState).toBe("clean");
    expect(deliveries(world, listener)).toEqual(["push", "pull_request.opened", "status.pending", "status.success"]);

    // A new push to the pull request's branch starts over on the new head.
    const second = world.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "b.txt": "b" } }).sha;
    world.sandbox.advance(30_000);
    expect(deliveries(world, listener).slice(4)).toEqual(["push", "pull_request.synchronize", "status.pending"]);
    expect(world.sandbox.snapshot().statuses.at(-1)).toMatchObject({ sha: second, state: "pending" });
    expect(world.sandbox.ci.errors).toEqual([]);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("registers in-progress check runs, concludes them per head and branch, and may stay pending for good", () => {
    world.sandbox.ci.auto({
      ...at,
      kind: "checks",
      delayMs: 45_000,
      names: ["build", "test"],
      conclusion: (_sha, branch) => (branch === "broken" ? "failure" : branch === "stuck" ? "pending" : "success"),
    });
    const dev = world.sandbox.as("dev");
    const broken = dev.openPullRequest({ ...at, head: "broken", title: "Broken" }).number;
    const stuck = dev.openPullRequest({ ...at, head: "stuck", title: "Stuck" }).number;
    world.sandbox.advance(45_000);
    const runs = (): string[] => world.sandbox.snapshot().checkRuns.map((r) => `${r.name}:${r.status}:${r.conclusion ?? "-"}`);
    expect(runs()).toEqual(["build:in_progress:-", "test:in_progress:-", "build:in_progress:-", "test:in_progress:-"]);
    // `durationMs` defaults to `delayMs`.
    world.sandbox.advance(45_000);
    expect(runs()).toEqual(["build:completed:failure", "test:completed:failure", "build:in_progress:-", "test:in_progress:-"]);
    world.sandbox.advance(24 * 60 * 60 * 1000);
    expect(runs().slice(2)).toEqual(["build:in_progress:-", "test:in_progress:-"]);
    const state = (n: number): unknown => world.sandbox.snapshot().pulls.find((p) => p.number === n)?.mergeableState;
    expect([state(broken), state(stuck)]).toEqual(["unstable", "unstable"]);
    expect(deliveries(world, listener).filter((d) => d.startsWith("check_run"))).toEqual([
      "check_run.created",
      "check_run.created",
      "check_run.created",
      "check_run.created",
      "check_run.completed",
      "check_run.completed",
    ]);
  });

  it("registers nothing for a repository without CI, nor for one never switched on", () => {
    world.sandbox.createRepo({ owner: "acme", name: "docs" });
    world.sandbox.ci.auto({ ...at, kind: "none", delayMs: 1000 });
    world.sandbox.as("mona").openPullRequest({ ...at, head: "feature", title: "Feature" });
    world.sandbox.as("mona").openPullRequest({ owner: "acme", repo: "docs", head: "feature", title: "Docs" });
    world.sandbox.advance(60 * 60 * 1000);
    expect(world.sandbox.snapshot().statuses).toEqual([]);
    expect(world.sandbox.snapshot().checkRuns).toEqual([]);
    expect(world.sandbox.clock.pending).toBe(0);
  });

  it("drops scheduled work when a repository's CI is switched to another kind", () => {
    world.sandbox.ci.auto({ ...at, kind: "statuses", delayMs: 10_000 });
    world.sandbox.as("dev").openPullRequest({ ...at, head: "feature", title: "Feature" });
    world.sandbox.ci.auto({ ...at, kind: "none", delayMs: 0 });
    world.sandbox.advance(60_000);
    expect(world.sandbox.snapshot().statuses).toEqual([]);
  });
});

describe("sandbox time", () => {
  it("advances on top of the injected clock", () => {
    const clock = new ManualClock("2025-05-01T09:00:00Z");
    const sandbox = new Sandbox({ now: clock.now });
    sandbox.advance(90_000);
    expect(sandbox.now().toISOString()).toBe("2025-05-01T09:01:30.000Z");
    clock.advance(1000);
    expect(sandbox.now().toISOString()).toBe("2025-05-01T09:01:31.000Z");
  });

  it("runs timers in order at their own due time, including ones scheduled on the way", () => {
    const sandbox = new Sandbox({ now: new ManualClock("2025-05-01T09:00:00Z").now });
    const seen: string[] = [];
    const stamp = (label: string) => () => seen.push(`${label}@${sandbox.now().toISOString().slice(11, 19)}`);
    sandbox.clock.schedule(20_000, stamp("b"));
    sandbox.clock.schedule(10_000, () => {
      stamp("a")();
      sandbox.clock.schedule(5_000, stamp("a2"));
    });
    const cancel = sandbox.clock.schedule(12_000, stamp("cancelled"));
    cancel();
    sandbox.advance(30_000);
    expect(seen).toEqual(["a@09:00:10", "a2@09:00:15", "b@09:00:20"]);
    expect(sandbox.now().toISOString()).toBe("2025-05-01T09:00:30.000Z");
  });

  it("over the real clock, runs due work on its own", async () => {
    const world = seedWorld();
    world.sandbox.ci.auto({ ...at, kind: "statuses", delayMs: 0, durationMs: 0 });
    world.sandbox.as("dev").openPullRequest({ ...at, head: "feature", title: "Feature" });
    expect(world.sandbox.snapshot().statuses).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(world.sandbox.snapshot().statuses.map((s) => s.state)).toEqual(["pending", "success"]);
  });
});
