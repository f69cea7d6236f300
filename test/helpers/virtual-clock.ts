import { vi } from "vitest";
import type { Clock } from "../../src/github/clock.js";

/**
 * A clock that starts now and only moves when someone sleeps on it: minutes
 * of pacing take no real time. While a test runs on virtual timers (the
 * harness's default, so Probot's retry and throttling plugins wait on them),
 * it is that same time: `now` reads the faked `Date`, and `sleep` moves every
 * virtual timer on by `ms`, so the app's pacing, the plugins' waits, the
 * sandbox's CI and the tokens' lifetimes all follow one clock.
 */
/** Whether this runs inside a vitest test with faked timers (the bench runs the harness outside vitest). */
const faked = (): boolean => process.env.VITEST !== undefined && vi.isFakeTimers();

export class VirtualClock implements Clock {
  private time = Date.now();
  /** Total virtual milliseconds slept. */
  slept = 0;

  now = (): Date => (faked() ? new Date(Date.now()) : new Date(this.time));

  sleep = async (ms: number): Promise<void> => {
    this.slept += ms;
    if (faked()) await vi.advanceTimersByTimeAsync(ms);
    else this.time += ms;
  };
}
