/**
 * Small pieces of state that every instance of Factory must agree on — who
 * swept last, which stranger was answered, which configs changed, how many
 * writes an installation made this minute. In memory by default; on Redis
 * when `REDIS_URL` is set, so several instances share them.
 */
export interface SharedState {
  /** Sets `key` when it is absent, for `ttlMs`; true when this call set it (a lock or a once-only mark). */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Removes `key`. */
  release(key: string): Promise<void>;
  /** The value of `key`, if set and not expired. */
  get(key: string): Promise<string | undefined>;
  /** Sets `key` to `value`, for `ttlMs` when given. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Adds `by` to the counter `key` (absent counts as 0), keeps it `ttlMs`, and returns the new value. */
  add(key: string, by: number, ttlMs: number): Promise<number>;
  /**
   * Takes a slot in a sliding window, atomically: when fewer than `count`
   * slots of `key` were taken in the last `windowMs` before `now`, for every
   * limit, records one at `now` and returns 0; otherwise records nothing and
   * returns how many milliseconds to wait before trying again.
   */
  takeSlot(key: string, now: number, limits: ReadonlyArray<{ count: number; windowMs: number }>): Promise<number>;
  /** Lets go of connections. */
  close(): Promise<void>;
}

/** {@link SharedState} in this process's memory, for one instance, the demo and tests; time is `now()` (a clock's). */
export class MemoryState implements SharedState {
  private readonly values = new Map<string, { value: string; until: number }>();
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.read(key) !== undefined) return false;
    this.values.set(key, { value: "1", until: this.now() + ttlMs });
    return true;
  }

  async release(key: string): Promise<void> {
    this.values.delete(key);
  }

  async get(key: string): Promise<string | undefined> {
    return this.read(key);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.values.set(key, { value, until: ttlMs === undefined ? Number.POSITIVE_INFINITY : this.now() + ttlMs });
  }

  async add(key: string, by: number, ttlMs: number): Promise<number> {
    const next = Number(this.read(key) ?? 0) + by;
    this.values.set(key, { value: String(next), until: this.now() + ttlMs });
    return next;
  }

  async takeSlot(key: string, now: number, limits: ReadonlyArray<{ count: number; windowMs: number }>): Promise<number> {
    const longest = Math.max(0, ...limits.map((limit) => limit.windowMs));
    const stamps = (this.windows.get(key) ?? []).filter((at) => at > now - longest);
    let wait = 0;
    for (const { count, windowMs } of limits) {
      const inWindow = stamps.filter((at) => at > now - windowMs);
      if (inWindow.length >= count) wait = Math.max(wait, (inWindow[inWindow.length - count] as number) + windowMs - now + 1);
    }
    if (wait === 0) stamps.push(now);
    this.windows.set(key, stamps);
    return wait;
  }

  async close(): Promise<void> {}

  private read(key: string): string | undefined {
    const entry = this.values.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.values.delete(key);
      return undefined;
    }
    return entry.value;
  }
}
