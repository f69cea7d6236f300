import { describe, expect, it } from "vitest";
import type { Clock } from "../../../src/github/clock.js";
import { ContentPacer, PACING } from "../../../src/github/content-pacer.js";
import { MemoryState } from "../../../src/queue/shared-state.js";

const START = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A clock that only moves when the pacer sleeps on it, recording every sleep. */
function virtualClock(): Clock & { sleeps: number[]; elapsed: () => number } {
  let t = START;
  const sleeps: number[] = [];
  return {
    now: () => new Date(t),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
    elapsed: () => t - START,
  };
}

/** Takes `count` slots one after another and returns the virtual time (ms since START) each was granted at. */
async function takeInTurn(pacer: ContentPacer, clock: ReturnType<typeof virtualClock>, count: number): Promise<number[]> {
  const granted: number[] = [];
  for (let i = 0; i < count; i++) {
    await pacer.take();
    granted.push(clock.elapsed());
  }
  return granted;
}

describe("ContentPacer", () => {
  it("with a shared state, paces two instances' pacers of one installation as one", async () => {
    const clock = virtualClock();
    const state = new MemoryState(() => clock.now().getTime());
    const shared = { state, key: "pace:1" };
    const here = new ContentPacer({ clock, perMinute: 3, perHour: 100, shared });
    const there = new ContentPacer({ clock, perMinute: 3, perHour: 100, shared });
    const granted: number[] = [];
    for (const pacer of [here, there, here, there, here, there]) {
      await pacer.take();
      granted.push(clock.elapsed());
    }
    // Three slots a minute between them: the fourth write, whichever instance makes it, waits for the minute to pass.
    expect(granted).toEqual([0, 0, 0, 60_001, 60_001, 60_001]);
  });

  it("grants the first perMinute slots without sleeping", async () => {
    const clock = virtualClock();
    const pacer = new ContentPacer({ clock, perMinute: 3, perHour: 5 });
    expect(await takeInTurn(pacer, clock, 3)).toEqual([0, 0, 0]);
    expect(clock.sleeps).toEqual([]);
    expect(pacer.recent).toBe(3);
  });

  it("makes the 4th wait until the first is a minute old, and the 6th wait for the hour window", async () => {
    const clock = virtualClock();
    const pacer = new ContentPacer({ clock, perMinute: 3, perHour: 5 });
    const granted = await takeInTurn(pacer, clock, 6);
    expect(granted).toEqual([0, 0, 0, 60_001, 60_001, 3_600_001]);
    expect(clock.sleeps).toEqual([60_001, 3_600_001 - 60_001]);
    // The three slots from the first minute have left the hour window.
    expect(pacer.recent).toBe(3);
  });

  it("never grants more than perMinute in any minute or perHour in any hour", async () => {
    const clock = virtualClock();
    const pacer = new ContentPacer({ clock, perMinute: 3, perHour: 5 });
    const granted = await takeInTurn(pacer, clock, 12);
    for (const at of granted) {
      expect(granted.filter((t) => t > at - 60_000 && t <= at).length).toBeLessThanOrEqual(3);
      expect(granted.filter((t) => t > at - 3_600_000 && t <= at).length).toBeLessThanOrEqual(5);
    }
    expect(granted.at(-1)).toBeGreaterThan(2 * 3_600_000);
  });

  it("serves concurrent calls in the order they were made", async () => {
    const clock = virtualClock();
    const pacer = new ContentPacer({ clock, perMinute: 3, perHour: 5 });
    const order: Array<[number, number]> = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, index) => pacer.take().then(() => order.push([index, clock.elapsed()]))),
    );
    expect(order).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 60_001],
      [4, 60_001],
      [5, 3_600_001],
    ]);
  });

  it("lets a slot go again once the minute has passed on its own", async () => {
    const clock = virtualClock();
    const pacer = new ContentPacer({ clock, perMinute: 3, perHour: 5 });
    await takeInTurn(pacer, clock, 3);
    await clock.sleep(60_000);
    clock.sleeps.length = 0;
    await pacer.take();
    expect(clock.sleeps).toEqual([]);
    expect(pacer.recent).toBe(4);
  });

  it("defaults to GitHub's documented limits with a margin", async () => {
    expect(PACING).toEqual({ perMinute: 72, perHour: 480 });
    const clock = virtualClock();
    const pacer = new ContentPacer({ clock });
    await takeInTurn(pacer, clock, 72);
    expect(clock.sleeps).toEqual([]);
    await pacer.take();
    expect(clock.sleeps).toEqual([60_001]);
  });
});

describe("PacerRegistry and the demo's faster clock", () => {
  it("allows GitHub's 72 writes a minute at scale 1, and five times as many at scale 0.2, before a write waits", async () => {
    const { PacerRegistry } = await import("../../../src/github/pacer-registry.js");
    const firstWait = async (scale?: number) => {
      const clock = virtualClock();
      const pacer = new PacerRegistry(clock, undefined, scale).forInstallation(1);
      const granted = await takeInTurn(pacer, clock, 400);
      return granted.findIndex((at) => at > 0);
    };
    expect(await firstWait()).toBe(PACING.perMinute);
    expect(await firstWait(0.2)).toBe(PACING.perMinute * 5);
  });
});
