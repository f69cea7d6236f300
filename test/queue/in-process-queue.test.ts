import { describe, expect, it } from "vitest";
import { InProcessQueue } from "../../src/queue/in-process-queue.js";
import type { Job } from "../../src/queue/job.js";
import { testJob } from "../helpers/test-job.js";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A queue whose runner calls the work registered for each delivery id. */
function queueWith(work: Record<string, () => Promise<void>>, options: ConstructorParameters<typeof InProcessQueue>[0] = {}) {
  const queue = new InProcessQueue(options);
  const ran: Job[] = [];
  queue.start(async (job) => {
    ran.push(job);
    await work[job.deliveryId]?.();
  });
  return { queue, ran };
}

describe("InProcessQueue", () => {
  it("runs jobs of one repository one at a time, in order", async () => {
    const events: string[] = [];
    const gate = deferred();
    const { queue } = queueWith({
      a: async () => {
        events.push("a:start");
        await gate.promise;
        events.push("a:end");
      },
      b: async () => void events.push("b:start"),
    });
    await queue.enqueue(testJob("acme/api", "a"), { id: "a" });
    await queue.enqueue(testJob("ACME/api", "b"), { id: "b" });
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(["a:start"]);
    expect(await queue.counts()).toEqual({ waiting: 1, delayed: 0, active: 1, failed: 0 });
    gate.resolve();
    await queue.onIdle();
    expect(events).toEqual(["a:start", "a:end", "b:start"]);
    expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, failed: 0 });
  });

  it("runs different repositories in parallel, bounded by concurrency", async () => {
    let running = 0;
    let peak = 0;
    const gates = [deferred(), deferred(), deferred()];
    const work = Object.fromEntries(
      gates.map((gate, i) => [
        `d${i}`,
        async () => {
          running++;
          peak = Math.max(peak, running);
          await gate.promise;
          running--;
        },
      ]),
    );
    const { queue } = queueWith(work, { concurrency: 2 });
    for (let i = 0; i < 3; i++) await queue.enqueue(testJob(`acme/repo-${i}`, `d${i}`), { id: `d${i}` });
    await new Promise((r) => setTimeout(r, 5));
    expect(running).toBe(2);
    gates.forEach((gate) => gate.resolve());
    await queue.onIdle();
    expect(peak).toBe(2);
  });

  it("drops a job whose id it has seen: the same delivery received twice runs once", async () => {
    const { queue, ran } = queueWith({});
    expect(await queue.enqueue(testJob("acme/api", "x"), { id: "command:7" })).toBe(true);
    await queue.onIdle();
    expect(await queue.enqueue(testJob("acme/api", "x"), { id: "command:7" })).toBe(false);
    await queue.onIdle();
    expect(ran).toHaveLength(1);
  });

  it("folds jobs with one coalescing key into the one that waits, and queues a new one once it has started", async () => {
    const gate = deferred();
    const started = deferred();
    const { queue, ran } = queueWith({
      block: () => gate.promise,
      first: async () => {
        started.resolve();
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    await queue.enqueue(testJob("acme/api", "block"), { id: "block" });
    expect(await queue.enqueue(testJob("acme/api", "first"), { id: "first", coalesce: "monitor:epic/1" })).toBe(true);
    expect(await queue.enqueue(testJob("acme/api", "second"), { id: "second", coalesce: "monitor:epic/1" })).toBe(false);
    gate.resolve();
    await started.promise;
    expect(await queue.enqueue(testJob("acme/api", "third"), { id: "third", coalesce: "monitor:epic/1" })).toBe(true);
    await queue.onIdle();
    expect(ran.map((job) => job.deliveryId)).toEqual(["block", "first", "third"]);
  });

  it("starts a delayed job no sooner than asked, and counts it as delayed meanwhile", async () => {
    const { queue, ran } = queueWith({});
    const before = Date.now();
    await queue.enqueue(testJob("acme/api", "later"), { id: "later", delayMs: 30 });
    expect((await queue.counts()).delayed).toBe(1);
    await queue.onIdle();
    expect(ran).toHaveLength(1);
    expect(Date.now() - before).toBeGreaterThanOrEqual(25);
  });

  it("logs a failing job with its delivery id, keeps it among the failures and keeps going", async () => {
    const errors: Array<{ obj: Record<string, unknown>; msg: string }> = [];
    let ranAfter = false;
    const { queue } = queueWith(
      {
        bad: async () => {
          throw new Error("boom\nstack");
        },
        good: async () => void (ranAfter = true),
      },
      { log: { error: (obj, msg) => errors.push({ obj: obj as Record<string, unknown>, msg }), debug: () => {} } },
    );
    await queue.enqueue(testJob("acme/api", "bad", "command"), { id: "bad" });
    await queue.enqueue(testJob("acme/api", "good"), { id: "good" });
    await queue.onIdle();
    expect(ranAfter).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toBe("Job command failed");
    expect(errors[0]?.obj.deliveryId).toBe("bad");
    expect((errors[0]?.obj.err as Error).message).toBe("boom\nstack");
    expect(await queue.failures("ACME/API")).toEqual([{ kind: "command", repo: "acme/api", deliveryId: "bad", attempts: 1, failedAt: expect.any(String), reason: "boom" }]);
    expect(await queue.failures("acme/web")).toEqual([]);
    expect((await queue.counts()).failed).toBe(1);
  });

  it("holds jobs until it is started", async () => {
    const queue = new InProcessQueue();
    await queue.enqueue(testJob("acme/api", "early"), { id: "early" });
    const ran: string[] = [];
    queue.start(async (job) => void ran.push(job.deliveryId));
    await queue.onIdle();
    expect(ran).toEqual(["early"]);
  });

  it("is idle at once when empty", async () => {
    await expect(new InProcessQueue().onIdle()).resolves.toBeUndefined();
  });
});
