import { describe, expect, it } from "vitest";
import { InProcessQueue } from "../../src/queue/in-process-queue.js";
import type { Job } from "../../src/queue/job-queue.js";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function job(key: string, run: () => Promise<void>, name = "test"): Job {
  return { key, name, deliveryId: `d-${key}`, run };
}

describe("InProcessQueue", () => {
  it("runs jobs of one key one at a time, in order", async () => {
    const queue = new InProcessQueue({ concurrency: 4 });
    const events: string[] = [];
    const gate = deferred();
    queue.enqueue(job("acme/api", async () => {
      events.push("a:start");
      await gate.promise;
      events.push("a:end");
    }));
    queue.enqueue(job("acme/api", async () => {
      events.push("b:start");
    }));
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(["a:start"]);
    expect(queue.size).toBe(2);
    gate.resolve();
    await queue.onIdle();
    expect(events).toEqual(["a:start", "a:end", "b:start"]);
    expect(queue.size).toBe(0);
  });

  it("runs different keys in parallel, bounded by concurrency", async () => {
    const queue = new InProcessQueue({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    const gates = [deferred(), deferred(), deferred()];
    gates.forEach((gate, i) =>
      queue.enqueue(job(`repo-${i}`, async () => {
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
      })),
    );
    await new Promise((r) => setTimeout(r, 5));
    expect(running).toBe(2);
    gates.forEach((gate) => gate.resolve());
    await queue.onIdle();
    expect(peak).toBe(2);
  });

  it("logs a failing job with its delivery id and keeps going", async () => {
    const errors: Array<{ obj: Record<string, unknown>; msg: string }> = [];
    const done: boolean[] = [];
    const queue = new InProcessQueue({
      log: { error: (obj, msg) => errors.push({ obj: obj as Record<string, unknown>, msg }), debug: () => {} },
      onJobDone: ({ ok }) => done.push(ok),
    });
    let ranAfter = false;
    queue.enqueue(job("acme/api", async () => {
      throw new Error("boom");
    }, "command"));
    queue.enqueue(job("acme/api", async () => {
      ranAfter = true;
    }));
    await queue.onIdle();
    expect(ranAfter).toBe(true);
    expect(done).toEqual([false, true]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toBe("Job command failed");
    expect(errors[0]?.obj.deliveryId).toBe("d-acme/api");
    expect((errors[0]?.obj.err as Error).message).toBe("boom");
  });

  it("is idle at once when empty", async () => {
    await expect(new InProcessQueue().onIdle()).resolves.toBeUndefined();
  });
});
