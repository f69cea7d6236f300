/** A piece of work waiting for the sandbox clock to reach `due`. */
interface Timer {
  due: number;
  /** Creation order: timers due at the same moment run in the order they were scheduled. */
  seq: number;
  run: () => void;
}

/**
 * The sandbox's time, and the work scheduled in it (CI that reports some time
 * after a push, …).
 *
 * Sandbox time is the injected clock plus everything {@link advance} moved it
 * on, so `advance` works the same over the real clock and over a test's
 * manual one. Scheduled work runs in two ways:
 * - `advance(ms)` runs, in order, every timer that falls due in that span,
 *   with the clock set to each timer's due time while it runs — deterministic,
 *   what tests use;
 * - an unref'd real timer also wakes up when the next timer should be due and
 *   runs whatever is due by then — so over the real clock (the demo, a
 *   `probot run` against the loopback server) delayed work simply happens, and
 *   over a manual clock nothing runs before its time.
 */
export class SandboxClock {
  /** Exceptions thrown by scheduled work (it runs detached from any caller). */
  readonly errors: string[] = [];
  private offset = 0;
  private seq = 0;
  private timers: Timer[] = [];
  private wakeUp: NodeJS.Timeout | undefined;

  constructor(private readonly base: () => Date = () => new Date()) {}

  /** The current sandbox time (bound, so it can be handed around as a function). */
  readonly now = (): Date => new Date(this.base().getTime() + this.offset);

  /** Timers scheduled and not yet run. */
  get pending(): number {
    return this.timers.length;
  }

  /** Runs `run` once sandbox time has moved `delayMs` on from now; returns a function that cancels it. */
  schedule(delayMs: number, run: () => void): () => void {
    const timer: Timer = { due: this.now().getTime() + Math.max(0, delayMs), seq: this.seq++, run };
    this.timers.push(timer);
    this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    this.arm();
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
      this.arm();
    };
  }

  /**
   * Moves sandbox time `ms` on, running every timer that falls due on the
   * way at its own due time (work a timer schedules within the span runs too).
   */
  advance(ms: number): void {
    const target = this.now().getTime() + Math.max(0, ms);
    for (let next = this.timers[0]; next !== undefined && next.due <= target; next = this.timers[0]) {
      this.timers.shift();
      this.offset += Math.max(0, next.due - this.now().getTime());
      this.fire(next);
    }
    this.offset += Math.max(0, target - this.now().getTime());
    this.arm();
  }

  /** Runs every timer already due (after a test moved the injected clock itself). */
  runDue(): void {
    this.advance(0);
  }

  /** Drops every timer (and the real wake-up). */
  clear(): void {
    this.timers = [];
    this.arm();
  }

  private fire(timer: Timer): void {
    try {
      timer.run();
    } catch (error) {
      this.errors.push(error instanceof Error ? error.message : String(error));
    }
  }

  private arm(): void {
    if (this.wakeUp !== undefined) clearTimeout(this.wakeUp);
    this.wakeUp = undefined;
    const next = this.timers[0];
    if (next === undefined) return;
    this.wakeUp = setTimeout(() => {
      this.wakeUp = undefined;
      this.runDue();
    }, Math.max(0, next.due - this.now().getTime()));
    this.wakeUp.unref();
  }
}
