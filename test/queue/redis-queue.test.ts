import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { Attempt } from "../../src/queue/job-queue.js";
import type { Job } from "../../src/queue/job.js";
import { bullId } from "../../src/queue/bull-id.js";
import { partitionOf } from "../../src/queue/partition-of.js";
import { RedisQueue, type RedisQueueOptions } from "../../src/queue/redis-queue.js";
import { useRedis } from "../helpers/use-redis.js";

const redis = useRedis();
const opened: RedisQueue[] = [];
const logged: Array<{ level: "error" | "warn"; msg: string; obj: object }> = [];

/**
 * One "app instance": its own RedisQueue on the shared server, with a short
 * lock and stall check so a dead instance's job comes back within a second
 * or two, and a short backoff so retries are quick.
 */
function instance(options: Partial<RedisQueueOptions> = {}): RedisQueue {
  const queue = new RedisQueue({
    url: redis.url,
    lockDurationMs: 1000,
    stalledIntervalMs: 500,
    backoffMs: 50,
    log: {
      error: (obj, msg) => logged.push({ level: "error", msg, obj }),
      warn: (obj, msg) => logged.push({ level: "warn", msg, obj }),
    },
    ...options,
  });
  opened.push(queue);
  return queue;
}

/** Opens of the gates a test made: a test that fails must not leave a job held, or closing its queue would wait for ever. */
const gatesToOpen: Array<() => void> = [];

afterEach(async () => {
  for (const open of gatesToOpen.splice(0)) open();
  await Promise.all(opened.splice(0).map((queue) => queue.close()));
  logged.length = 0;
});

function job(owner: string, repo: string, deliveryId: string): Job {
  return { kind: "dashboard", installationId: 1, repo: { owner, repo }, refs: {}, deliveryId, attempt: 1 };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A promise a test resolves by hand, to hold a job in its runner. */
function gate(): { promise: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  gatesToOpen.push(open);
  return { promise, open };
}

/** Errors the queues logged (connection noise after a kill aside), to show nothing went wrong quietly. */
function errors(): string[] {
  return logged.filter((entry) => entry.level === "error").map((entry) => `${entry.msg}: ${String((entry.obj as { err?: unknown }).err)}`);
}

/** A repository whose jobs go to another partition than `acme/api`'s. */
function otherPartitionRepo(): string {
  const taken = partitionOf("acme/api", 16);
  for (let n = 0; ; n++) if (partitionOf(`acme/repo-${n}`, 16) !== taken) return `repo-${n}`;
}

describe("RedisQueue", () => {
  it("runs one repository's jobs one at a time and in enqueue order across three instances", async () => {
    const instances = [instance(), instance(), instance()];
    const seen: Array<{ instance: number; deliveryId: string }> = [];
    const running = new Map<string, number>();
    let most = 0;
    instances.forEach((queue, i) =>
      queue.start(async (started) => {
        const lane = `${started.repo.owner}/${started.repo.repo}`.toLowerCase();
        running.set(lane, (running.get(lane) ?? 0) + 1);
        most = Math.max(most, running.get(lane) ?? 0);
        seen.push({ instance: i, deliveryId: started.deliveryId });
        await sleep(20);
        running.set(lane, (running.get(lane) ?? 0) - 1);
      }),
    );
    const ids = Array.from({ length: 15 }, (_, i) => `d${i}`);
    for (const [i, id] of ids.entries()) {
      // Enqueued by each instance in turn, with the repository's name in either case: one lane.
      const queue = instances[i % 3] as RedisQueue;
      expect(await queue.enqueue(i % 2 === 0 ? job("acme", "api", id) : job("Acme", "API", id), { id })).toBe(true);
      // In bursts of three, so jobs queue up behind a running one (where a second
      // runner would overlap), and the lane runs dry in between: while it is busy,
      // the instance that finishes a job takes the next one itself, so only a dry
      // lane lets the other instances' workers get jobs.
      if (i % 3 === 2) await sleep(150);
    }
    await (instances[1] as RedisQueue).onIdle();
    expect(seen.map((entry) => entry.deliveryId)).toEqual(ids);
    expect(most).toBe(1);
    // Not one instance doing all the work: the lane's jobs were shared.
    expect(new Set(seen.map((entry) => entry.instance)).size).toBeGreaterThan(1);
    expect(errors()).toEqual([]);
  });

  it("runs two repositories on different partitions in parallel", async () => {
    const other = otherPartitionRepo();
    const queue = instance();
    const running = new Map<string, number>();
    let mostPerLane = 0;
    let now = 0;
    let most = 0;
    queue.start(async (started) => {
      const lane = started.repo.repo;
      running.set(lane, (running.get(lane) ?? 0) + 1);
      now++;
      mostPerLane = Math.max(mostPerLane, running.get(lane) ?? 0);
      most = Math.max(most, now);
      await sleep(100);
      now--;
      running.set(lane, (running.get(lane) ?? 0) - 1);
    });
    for (let i = 0; i < 3; i++) {
      await queue.enqueue(job("acme", "api", `a${i}`), { id: `a${i}` });
      await queue.enqueue(job("acme", other, `b${i}`), { id: `b${i}` });
    }
    await queue.onIdle();
    expect(most).toBe(2);
    expect(mostPerLane).toBe(1);
  });

  it("runs a job enqueued twice with one id once, on any instance, and says the second was dropped", async () => {
    const one = instance();
    const two = instance();
    const seen: string[] = [];
    const runner = async (started: Job): Promise<void> => {
      seen.push(started.deliveryId);
    };
    one.start(runner);
    two.start(runner);
    expect(await one.enqueue(job("acme", "api", "first"), { id: "delivery-1" })).toBe(true);
    expect(await two.enqueue(job("acme", "api", "again"), { id: "delivery-1" })).toBe(false);
    await one.onIdle();
    // Still known after it ran: a webhook redelivered later is dropped too.
    expect(await two.enqueue(job("acme", "api", "later"), { id: "delivery-1" })).toBe(false);
    // Ids BullMQ refuses as they are (":" inside, integers, empty) or that are long.
    const awkward = ["sweep:2024-05-01T00:00:00Z:acme/api", "12345", "0", "", ":", "%3A", "x".repeat(500)];
    for (const id of awkward) expect(await one.enqueue(job("acme", "api", `id ${id.slice(0, 40)}`), { id }), id).toBe(true);
    for (const id of awkward) expect(await two.enqueue(job("acme", "api", "dup"), { id }), id).toBe(false);
    // Two instances adding one id at the same moment: at least one says it was added, and it runs once.
    const raced = await Promise.all([one.enqueue(job("acme", "api", "race"), { id: "race" }), two.enqueue(job("acme", "api", "race"), { id: "race" })]);
    expect(raced).toContain(true);
    await one.onIdle();
    expect(seen.filter((id) => id === "first")).toHaveLength(1);
    expect(seen.filter((id) => id === "race")).toHaveLength(1);
    expect(seen.filter((id) => id.startsWith("id "))).toHaveLength(awkward.length);
    expect(seen).not.toContain("again");
    expect(seen).not.toContain("later");
    expect(seen).not.toContain("dup");
  });

  it("folds jobs with one coalesce key into the waiting one, and queues a new one once it has started", async () => {
    const one = instance();
    const two = instance();
    const seen: string[] = [];
    const gates = new Map([
      ["slow", gate()],
      ["a", gate()],
    ]);
    const runner = async (started: Job): Promise<void> => {
      seen.push(started.deliveryId);
      await gates.get(started.deliveryId)?.promise;
    };
    one.start(runner);
    two.start(runner);
    // An earlier, slow job holds the lane, so the coalesced job waits.
    expect(await one.enqueue(job("acme", "api", "slow"), { id: "slow" })).toBe(true);
    await waitFor("the slow job to start", () => seen.includes("slow"));
    expect(await one.enqueue(job("acme", "api", "a"), { id: "a", coalesce: "dashboard:acme/api" })).toBe(true);
    expect(await two.enqueue(job("acme", "api", "b"), { id: "b", coalesce: "dashboard:acme/api" })).toBe(false);
    expect(await one.enqueue(job("acme", "api", "c"), { id: "c", coalesce: "dashboard:acme/api" })).toBe(false);
    gates.get("slow")?.open();
    await waitFor("a to start", () => seen.includes("a"));
    // A is running: what changed now may be missed by it, so a new job is queued...
    expect(await two.enqueue(job("acme", "api", "d"), { id: "d", coalesce: "dashboard:acme/api" })).toBe(true);
    // ...and further events fold into that one while it waits.
    expect(await one.enqueue(job("acme", "api", "e"), { id: "e", coalesce: "dashboard:acme/api" })).toBe(false);
    gates.get("a")?.open();
    await one.onIdle();
    expect(seen).toEqual(["slow", "a", "d"]);
  });

  it("retries a failing job with backoff, tells the runner its attempt, and keeps the ones that failed for good", async () => {
    const queue = instance();
    const seen: Array<{ deliveryId: string; attempt: number } & Attempt> = [];
    queue.start(async (started, attempt) => {
      seen.push({ deliveryId: started.deliveryId, attempt: started.attempt, ...attempt });
      if (started.deliveryId === "flaky" && attempt.number < 3) throw new Error(`flaky ${attempt.number}`);
      if (started.deliveryId === "broken") throw new Error("boom\n    at somewhere");
    });
    const before = Date.now();
    await queue.enqueue(job("acme", "api", "flaky"), { id: "flaky" });
    await queue.enqueue(job("Acme", "Api", "broken"), { id: "broken" });
    await queue.onIdle();
    expect(seen.filter((entry) => entry.deliveryId === "flaky")).toEqual([
      { deliveryId: "flaky", attempt: 1, number: 1, last: false },
      { deliveryId: "flaky", attempt: 2, number: 2, last: false },
      { deliveryId: "flaky", attempt: 3, number: 3, last: true },
    ]);
    expect(seen.filter((entry) => entry.deliveryId === "broken").map((entry) => entry.number)).toEqual([1, 2, 3]);
    const failures = await queue.failures();
    expect(failures).toEqual([{ kind: "dashboard", repo: "Acme/Api", deliveryId: "broken", attempts: 3, failedAt: expect.any(String), reason: "boom" }]);
    expect(Date.parse(failures[0]?.failedAt ?? "")).toBeGreaterThanOrEqual(before);
    expect(await queue.failures("ACME/api")).toHaveLength(1);
    expect(await queue.failures("acme/other")).toEqual([]);
    expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 1 });
  });

  it("does not run a delayed job before its delay", async () => {
    const queue = instance();
    const startedAt = new Map<string, number>();
    queue.start(async (started) => {
      startedAt.set(started.deliveryId, Date.now());
    });
    const before = Date.now();
    expect(await queue.enqueue(job("acme", "api", "later"), { id: "later", delayMs: 400 })).toBe(true);
    expect(await queue.counts()).toEqual({ waiting: 0, delayed: 1, active: 0, failed: 0 });
    await queue.enqueue(job("acme", "api", "now"), { id: "now" });
    await queue.onIdle();
    expect(startedAt.get("now")).toBeLessThan(startedAt.get("later") ?? 0);
    expect((startedAt.get("later") ?? 0) - before).toBeGreaterThanOrEqual(400);
  });

  it("runs a job again on another instance when the instance running it dies", async () => {
    const one = instance();
    const two = instance();
    const seen: Array<{ instance: number; attempt: number } & Attempt> = [];
    const zombie = gate();
    one.start(async (started, attempt) => {
      seen.push({ instance: 1, attempt: started.attempt, ...attempt });
      await zombie.promise;
    });
    expect(await one.enqueue(job("acme", "api", "hang"), { id: "hang" })).toBe(true);
    await waitFor("instance 1 to take the job", () => seen.length === 1);
    two.start(async (started, attempt) => {
      seen.push({ instance: 2, attempt: started.attempt, ...attempt });
    });
    await one.kill();
    await waitFor("instance 2 to run the stalled job", () => seen.length === 2);
    await two.onIdle();
    // BullMQ does not count a stall as an attempt: attemptsMade is only raised
    // when an attempt finishes, so the rerun is attempt 1 again (not the last).
    expect(seen).toEqual([
      { instance: 1, attempt: 1, number: 1, last: false },
      { instance: 2, attempt: 1, number: 1, last: false },
    ]);
    // What BullMQ recorded: started twice, stalled once, one attempt made (the rerun's).
    const client = new Redis(redis.url);
    try {
      const key = `factory:factory-jobs-${partitionOf("acme/api", 16)}:${bullId("hang")}`;
      expect(await client.hmget(key, "ats", "stc", "atm", "finishedOn")).toEqual(["2", "1", "1", expect.any(String)]);
    } finally {
      await client.quit();
    }
    // The dead instance's runner finishing late changes nothing.
    zombie.open();
    await sleep(50);
    expect(seen).toHaveLength(2);
    expect(await two.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
  });

  it("fails a job whose instance dies twice, without running it a third time", async () => {
    const seen: number[] = [];
    const hang = async (number: number): Promise<void> => {
      seen.push(number);
      await gate().promise;
    };
    const one = instance();
    one.start(() => hang(1));
    await one.enqueue(job("acme", "api", "crasher"), { id: "crasher" });
    await waitFor("instance 1 to take the job", () => seen.length === 1);
    const two = instance();
    two.start(() => hang(2));
    await one.kill();
    await waitFor("instance 2 to take the stalled job", () => seen.length === 2);
    const three = instance();
    three.start(() => hang(3));
    await two.kill();
    await three.onIdle();
    // BullMQ's maxStalledCount is 1: the second stall marks the job, and the
    // next worker to take it fails it at once instead of running it.
    expect(seen).toEqual([1, 2]);
    expect(await three.failures()).toEqual([
      { kind: "dashboard", repo: "acme/api", deliveryId: "crasher", attempts: 1, failedAt: expect.any(String), reason: "job stalled more than allowable limit" },
    ]);
  });

  it("lets another instance take the lane at once when an instance shuts down mid-job", async () => {
    const one = instance();
    const two = instance();
    const seen: string[] = [];
    one.start(async (started) => {
      seen.push(`one:${started.deliveryId}`);
      await sleep(200);
    });
    await one.enqueue(job("acme", "api", "first"), { id: "first" });
    await waitFor("instance 1 to take the first job", () => seen.length === 1);
    two.start(async (started) => {
      seen.push(`two:${started.deliveryId}`);
    });
    await one.enqueue(job("acme", "api", "second"), { id: "second" });
    await one.close();
    const closedAt = Date.now();
    await two.onIdle();
    expect(seen).toEqual(["one:first", "two:second"]);
    // Not after BullMQ's 5-second blocking wait: close wakes the other instances' workers.
    expect(Date.now() - closedAt).toBeLessThan(2000);
  });

  it("keeps jobs across a restart: queued with no worker, run by the next instance", async () => {
    const first = instance();
    expect(await first.enqueue(job("acme", "api", "survivor"), { id: "survivor" })).toBe(true);
    expect(await first.counts()).toEqual({ waiting: 1, delayed: 0, active: 0, failed: 0 });
    await first.close();
    await first.close();
    const second = instance();
    const seen: string[] = [];
    second.start(async (started) => {
      seen.push(started.deliveryId);
    });
    await second.onIdle();
    expect(seen).toEqual(["survivor"]);
    expect(errors()).toEqual([]);
  });
});

describe("bullId", () => {
  it("maps ids BullMQ refuses to accepted ones, the same way every time and without collisions", () => {
    const ids = ["a:b", "a%3Ab", "a%b", "12", "%i12", "0", "", "%e", "x".repeat(300), "abc-123", "72d3162e-cc78-11e3-81ab-4c9367dc0958"];
    const mapped = ids.map(bullId);
    expect(new Set(mapped).size).toBe(ids.length);
    expect(ids.map(bullId)).toEqual(mapped);
    for (const id of mapped) {
      expect(id).not.toContain(":");
      expect(`${parseInt(id, 10)}`).not.toBe(id);
      expect(id.length).toBeGreaterThan(0);
      expect(id.length).toBeLessThanOrEqual(200);
    }
    expect(bullId("72d3162e-cc78-11e3-81ab-4c9367dc0958")).toBe("72d3162e-cc78-11e3-81ab-4c9367dc0958");
  });
});
