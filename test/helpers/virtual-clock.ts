import type { Clock } from "../../src/github/clock.js";

/** A clock that starts now and only moves when someone sleeps on it: minutes of pacing take no real time. */
export class VirtualClock implements Clock {
  private time = Date.now();
  /** Total virtual milliseconds slept. */
  slept = 0;

  now = (): Date => new Date(this.time);

  sleep = async (ms: number): Promise<void> => {
    this.time += ms;
    this.slept += ms;
  };
}
