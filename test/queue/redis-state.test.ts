import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { RedisState } from "../../src/queue/redis-state.js";
import { MemoryState } from "../../src/queue/shared-state.js";
import { useRedis } from "../helpers/use-redis.js";

const redis = useRedis();
const opened: Array<{ close(): Promise<void> }> = [];

function state(prefix?: string): RedisState {
  const created = new RedisState({ url: redis.url, prefix });
  opened.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((each) => each.close()));
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("RedisState", () => {
  it("claims a key once until it is released or expires", async () => {
    const shared = state();
    expect(await shared.claim("lock", 10_000)).toBe(true);
    expect(await shared.claim("lock", 10_000)).toBe(false);
    await shared.release("lock");
    expect(await shared.claim("lock", 80)).toBe(true);
    expect(await shared.claim("lock", 80)).toBe(false);
    await sleep(120);
    expect(await shared.claim("lock", 80)).toBe(true);
  });

  it("gets and sets values, with and without a time to live", async () => {
    const shared = state();
    expect(await shared.get("missing")).toBeUndefined();
    await shared.set("forever", "a");
    await shared.set("brief", "b", 80);
    expect(await shared.get("forever")).toBe("a");
    expect(await shared.get("brief")).toBe("b");
    await sleep(120);
    expect(await shared.get("forever")).toBe("a");
    expect(await shared.get("brief")).toBeUndefined();
    await shared.set("forever", "c", 80);
    await shared.set("forever", "d");
    await sleep(120);
    expect(await shared.get("forever")).toBe("d");
  });

  it("adds to a counter that starts at 0 and expires with its time to live", async () => {
    const shared = state();
    expect(await shared.add("writes", 1, 80)).toBe(1);
    expect(await shared.add("writes", 4, 80)).toBe(5);
    expect(await shared.add("writes", 0.5, 80)).toBe(5.5);
    await sleep(120);
    expect(await shared.get("writes")).toBeUndefined();
    expect(await shared.add("writes", 2, 10_000)).toBe(2);
  });

  it("keeps its keys under its prefix", async () => {
    const shared = state("test:");
    await shared.set("k", "v");
    const client = new Redis(redis.url);
    try {
      expect(await client.get("test:k")).toBe("v");
      expect(await client.keys("factory:*")).toEqual([]);
    } finally {
      await client.quit();
    }
  });

  it("answers takeSlot as MemoryState does, call after call", async () => {
    const shared = state();
    const memory = new MemoryState();
    const limits = [
      { count: 3, windowMs: 1000 },
      { count: 5, windowMs: 10_000 },
    ];
    const base = 1_700_000_000_000;
    const times = [0, 0, 10, 20, 20, 500, 1009, 1010, 1011, 1500, 2000, 2000, 2100, 3000, 5000, 9999, 10_000, 10_010, 10_011, 11_000, 12_500, 20_000, 20_001, 20_001, 20_001, 20_002, 40_000];
    const answers: Array<{ at: number; redis: number; memory: number }> = [];
    for (const at of times) {
      answers.push({ at, redis: await shared.takeSlot("w", base + at, limits), memory: await memory.takeSlot("w", base + at, limits) });
    }
    for (const answer of answers) expect(answer.redis, `at +${answer.at}`).toBe(answer.memory);
    // The sequence is not trivial: some calls got a slot and some had to wait, for either limit.
    expect(answers.filter((answer) => answer.memory === 0).length).toBeGreaterThan(5);
    expect(answers.filter((answer) => answer.memory > 0).length).toBeGreaterThan(5);
    expect(answers.some((answer) => answer.memory > 1000)).toBe(true);
  });

  it("answers takeSlot as MemoryState does when the limits change between calls", async () => {
    const shared = state();
    const memory = new MemoryState();
    const loose = [{ count: 6, windowMs: 1000 }];
    const tight = [
      { count: 2, windowMs: 1000 },
      { count: 4, windowMs: 5000 },
    ];
    const base = 1_700_000_000_000;
    const calls = [0, 10, 20, 30, 40, 50, 60, 100, 200, 900, 1015, 1030, 1045, 1500, 2500, 4000, 5500, 6100, 6200, 6300, 9000].map((at, i) => ({ at, limits: i % 3 === 2 ? tight : loose }));
    const answers: Array<{ at: number; redis: number; memory: number }> = [];
    for (const { at, limits } of calls) {
      answers.push({ at, redis: await shared.takeSlot("w", base + at, limits), memory: await memory.takeSlot("w", base + at, limits) });
    }
    for (const answer of answers) expect(answer.redis, `at +${answer.at}`).toBe(answer.memory);
    expect(answers.filter((answer) => answer.memory > 0).length).toBeGreaterThan(3);
  });

  it("keeps a window's stamps no longer than its longest window", async () => {
    const shared = state();
    const now = Date.now();
    expect(await shared.takeSlot("w", now, [{ count: 1, windowMs: 80 }])).toBe(0);
    const client = new Redis(redis.url);
    try {
      expect(await client.zcard("factory:w")).toBe(1);
      const ttl = await client.pttl("factory:w");
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(80);
      await sleep(120);
      expect(await client.exists("factory:w")).toBe(0);
    } finally {
      await client.quit();
    }
  });

  it("shares claims, values, counters and windows between two instances on one server", async () => {
    const one = state();
    const two = state();
    expect(await one.claim("sweep", 10_000)).toBe(true);
    expect(await two.claim("sweep", 10_000)).toBe(false);
    await two.set("config", "changed");
    expect(await one.get("config")).toBe("changed");
    expect(await one.add("writes", 2, 10_000)).toBe(2);
    expect(await two.add("writes", 3, 10_000)).toBe(5);
    const limits = [{ count: 2, windowMs: 1000 }];
    const now = 1_700_000_000_000;
    expect(await one.takeSlot("install", now, limits)).toBe(0);
    expect(await two.takeSlot("install", now + 100, limits)).toBe(0);
    expect(await one.takeSlot("install", now + 200, limits)).toBe(801);
    expect(await two.takeSlot("install", now + 200, limits)).toBe(801);
  });

  it("gives exactly one of many concurrent callers the last slot", async () => {
    const states = [state(), state(), state()];
    const now = 1_700_000_000_000;
    const limits = [{ count: 4, windowMs: 1000 }];
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => (states[i % 3] as RedisState).takeSlot("race", now, limits)));
    expect(answers.filter((wait) => wait === 0)).toHaveLength(4);
    expect(answers.filter((wait) => wait === 1001)).toHaveLength(8);
  });

  it("leaves a borrowed client open on close", async () => {
    const client = new Redis(redis.url);
    try {
      const borrowed = new RedisState({ client });
      await borrowed.set("k", "v");
      await borrowed.close();
      expect(await client.get("factory:k")).toBe("v");
    } finally {
      await client.quit();
    }
  });
});
