import { afterEach, describe, expect, it } from "vitest";
import { RedisQueue } from "../../src/queue/redis-queue.js";
import { RedisState } from "../../src/queue/redis-state.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { useRedis } from "../helpers/use-redis.js";
import { agentStory, BOT, CONFIG, epicOf, finalState, ORG_CONFIG, say, seedChildren } from "../helpers/story-state.js";
import type { AgentActor, Sandbox } from "@factory/sandbox";

/*
 * Three instances of Factory on one organisation, sharing one Redis (jobs,
 * locks, pacing, caches' generations), behind a load balancer that GitHub's
 * deliveries go through: split between them, or each delivery received by
 * two of them (a redelivery landing on another replica). Every run ends in
 * the state one instance leaves: the same issues, labels, sub-issues,
 * branches, ticks, ledger lines, journal records and Factory comments, and
 * one answer per command.
 */

const redis = useRedis();
const started: FactoryHarness[] = [];

afterEach(async () => {
  for (const h of started.splice(0)) await h.stop();
});

/** Each fleet keeps its keys apart: a new sandbox numbers its comments from 1 again, and GitHub never would. */
let fleets = 0;

/** A queue on the shared Redis as an instance of fleet `n` makes it; quick to notice a dead instance, quick to retry. */
function sharedQueue(n: number): RedisQueue {
  return new RedisQueue({ url: redis.url, prefix: `fleet${n}`, partitions: 4, lockDurationMs: 1_000, stalledIntervalMs: 500, backoffMs: 50 });
}

/** The state instances of fleet `n` share. */
function sharedState(n: number): RedisState {
  return new RedisState({ url: redis.url, prefix: `fleet${n}:` });
}

/** Everything the story leaves, with the epic's body (its ticks) and the answers to commands. */
function fleetState(sandbox: Sandbox) {
  const epic = epicOf(sandbox);
  const answers = sandbox
    .issues("acme", "api")
    .map((issue) => ({ issue: issue.number, answers: sandbox.comments("acme", "api", issue.number).filter((c) => c.user.login === BOT && c.body.includes("<!-- factory:reply ")).length }))
    .filter((entry) => entry.answers > 0);
  const epicBody = epic === undefined ? "" : (sandbox.issues("acme", "api").find((issue) => issue.number === epic)?.body ?? "");
  return { ...finalState(sandbox), answers, ticks: epicBody.split("\n").filter((line) => /^- \[[ x]\]/.test(line)) };
}

type Route = "one" | "split" | "both";

/** The story on `count` instances behind a balancer that routes each delivery as `route` says. */
async function fleet(route: Route, count: number): Promise<{ instances: FactoryHarness[]; jules: AgentActor }> {
  const env: NodeJS.ProcessEnv = {};
  const shared = route !== "one";
  const n = ++fleets;
  const first = await startFactory({ repoConfig: CONFIG, orgConfig: ORG_CONFIG, env, realRetries: false, ...(shared ? { queue: sharedQueue(n), state: sharedState(n), fleet: true } : {}) });
  env.MONA_TOKEN = first.sandbox.createUserToken("mona");
  const instances = [first];
  for (let i = 1; i < count; i++) {
    instances.push(await startFactory({ sandbox: first.sandbox, world: first.world, env, realRetries: false, queue: sharedQueue(n), state: sharedState(n), fleet: true }));
  }
  started.push(...instances);
  balance(first.sandbox, instances, route);
  seedChildren(first);
  return { instances, jules: first.sandbox.addAgent({ preset: "jules" }) };
}

/** Puts a load balancer between GitHub and the instances: each delivery goes to the next live one, or to the next two. */
function balance(sandbox: Sandbox, instances: FactoryHarness[], route: Route): void {
  let turn = 0;
  sandbox.webhooks.toProbot({
    async receive(event: { id: string; name: never; payload: never }) {
      const alive = instances.filter((h) => !h.dead());
      const first = alive[turn++ % alive.length] as FactoryHarness;
      if (route !== "both" || alive.length < 2) return first.probot.receive(event);
      const second = alive[turn % alive.length] as FactoryHarness;
      return Promise.all([first.probot.receive(event), second.probot.receive(event)]);
    },
  });
}

/** The whole story, then `/factory sync`, told to whichever instance is alive. */
async function tell(h: FactoryHarness, jules: AgentActor) {
  await agentStory(h, jules);
  await say(h, "/factory sync", epicOf(h.sandbox) as number);
}

describe("three instances on one Redis", () => {
  it("end in the state one instance leaves, with deliveries split between them or each received twice", { timeout: 120_000 }, async () => {
    const one = await fleet("one", 1);
    await tell(one.instances[0] as FactoryHarness, one.jules);
    const expected = fleetState((one.instances[0] as FactoryHarness).sandbox);
    expect(expected.ledger).toHaveLength(4);
    expect(expected.journal.length).toBeGreaterThan(0);
    expect(expected.ticks.some((line) => line.startsWith("- [x]"))).toBe(true);
    expect(expected.answers.every((entry) => entry.answers >= 1)).toBe(true);

    for (const route of ["split", "both"] as const) {
      const run = await fleet(route, 3);
      const [h] = run.instances as [FactoryHarness];
      await tell(h, run.jules);
      const got = fleetState(h.sandbox);
      expect(got, route).toEqual(expected);
      expect(new Set(got.ledger).size).toBe(got.ledger.length);
      expect(h.sandbox.violations).toEqual([]);
      // Every instance did some of the work: the jobs really were shared.
      const byInstance = run.instances.map((instance) => instance.logs.filter((line) => typeof line.job === "string").length);
      expect(byInstance.filter((n) => n > 0).length, `${route}: log lines of jobs per instance ${byInstance.join("/")}`).toBeGreaterThan(1);
      // With "both", every delivery reached two instances; the second copy queued nothing new.
      const received = new Map<string, number>();
      for (const instance of run.instances) {
        for (const line of instance.logs) if (typeof line.msg === "string" && line.msg.startsWith("Received ")) received.set(String(line.deliveryId), (received.get(String(line.deliveryId)) ?? 0) + 1);
      }
      expect(new Set(received.values()), route).toEqual(new Set([route === "both" ? 2 : 1]));
      // And each command ran once, on one instance, however many received it.
      const commandRuns = run.instances.flatMap((instance) => instance.logs.filter((line) => line.msg === "Job command started").map((line) => String(line.deliveryId)));
      expect(commandRuns.length, route).toBe(new Set(commandRuns).size);
      expect(commandRuns.length).toBe(expected.answers.reduce((sum, entry) => sum + entry.answers, 0));
      for (const instance of run.instances) await instance.stop();
      started.length = 0;
    }
  });

  it("finish the job of an instance killed in the middle of it on another instance", { timeout: 120_000 }, async () => {
    const one = await fleet("one", 1);
    await tell(one.instances[0] as FactoryHarness, one.jules);
    const expected = fleetState((one.instances[0] as FactoryHarness).sandbox);

    // One instance alone takes `/factory epic` and dies at its fifth write, with the job half done.
    const env: NodeJS.ProcessEnv = {};
    const n = ++fleets;
    const doomed = await startFactory({ repoConfig: CONFIG, orgConfig: ORG_CONFIG, env, realRetries: false, queue: sharedQueue(n), state: sharedState(n), fleet: true, killAtWrite: 5 });
    started.push(doomed);
    env.MONA_TOKEN = doomed.sandbox.createUserToken("mona");
    seedChildren(doomed);
    const jules = doomed.sandbox.addAgent({ preset: "jules" });
    doomed.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
    await doomed.sandbox.webhooks.flush();
    for (let waited = 0; !doomed.dead() && waited < 10_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(doomed.dead()).toBe(true);
    const epicBefore = epicOf(doomed.sandbox);

    // Two more instances: the dead one's job is found stalled and run again by one of them.
    const rest: FactoryHarness[] = [];
    for (let i = 0; i < 2; i++) rest.push(await startFactory({ sandbox: doomed.sandbox, world: doomed.world, env, realRetries: false, queue: sharedQueue(n), state: sharedState(n), fleet: true }));
    started.push(...rest);
    balance(doomed.sandbox, [doomed, ...rest], "split");
    const [h] = rest as [FactoryHarness];
    await h.settle();
    const answered = h.sandbox.comments("acme", "api", 1).some((c) => c.user.login === BOT && c.body.includes("<!-- factory:reply "));
    expect(answered).toBe(true);
    // The command job the dead instance started is the one another instance finished.
    const begun = doomed.logs.find((line) => line.job === "command")?.deliveryId;
    expect(begun).toBeDefined();
    expect(rest.some((instance) => instance.logs.some((line) => line.job === "command" && line.deliveryId === begun))).toBe(true);
    expect(epicOf(h.sandbox) ?? epicBefore).toBeDefined();
    await agentStory(h, jules, { epic: true, dispatch: false });
    await say(h, "/factory sync", epicOf(h.sandbox) as number);
    expect(fleetState(h.sandbox)).toEqual(expected);
    expect(h.sandbox.violations).toEqual([]);
  });
});
