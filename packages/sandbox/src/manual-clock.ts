/**
 * A clock tests move by hand: pass `clock.now` as the sandbox's `now` and
 * `advance` it to cross rate-limit windows or token expiry without waiting.
 */
export class ManualClock {
  private current: number;

  /**
   * Starts at `start`, or at the real current time — which app JWTs need,
   * since Octokit signs them with the real clock.
   */
  constructor(start: Date | string = new Date()) {
    this.current = new Date(start).getTime();
  }

  /** The current time (bound, so it can be passed around as a function). */
  readonly now = (): Date => new Date(this.current);

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }

  /** Sets the clock to `date`. */
  set(date: Date | string): void {
    this.current = new Date(date).getTime();
  }
}
