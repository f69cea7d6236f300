import type { Job, JobQueue } from "./job-queue.js";

/** Minimal logger the queue needs (Probot's pino logger fits). */
export interface QueueLogger {
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** Options for {@link InProcessQueue}. */
export interface InProcessQueueOptions {
  /** How many keys may run at once. */
  concurrency?: number;
  log?: QueueLogger;
  /** Called after each job with its outcome and timings (metrics hook). */
  onJobDone?: (event: { job: Job; ok: boolean; waitedMs: number; ranMs: number }) => void;
}

interface Pending {
  job: Job;
  enqueuedAt: number;
}

/**
 * The default queue: in memory, per-key FIFO, bounded parallelism across keys.
 * A job that throws is logged with its delivery id and never stops the queue.
 */
export class InProcessQueue implements JobQueue {
  private readonly lanes = new Map<string, Pending[]>();
  private readonly ready: string[] = [];
  private running = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly concurrency: number;

  constructor(private readonly options: InProcessQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  get size(): number {
    let total = 0;
    for (const lane of this.lanes.values()) total += lane.length;
    return total;
  }

  enqueue(job: Job): void {
    const lane = this.lanes.get(job.key);
    const pending = { job, enqueuedAt: performance.now() };
    if (lane) {
      lane.push(pending);
      return;
    }
    this.lanes.set(job.key, [pending]);
    this.ready.push(job.key);
    this.pump();
  }

  onIdle(): Promise<void> {
    if (this.lanes.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.ready.length > 0) {
      const key = this.ready.shift() as string;
      this.running++;
      void this.drainLane(key);
    }
  }

  /** Runs a lane's jobs one after another until it is empty. */
  private async drainLane(key: string): Promise<void> {
    const lane = this.lanes.get(key) as Pending[];
    while (lane.length > 0) {
      const { job, enqueuedAt } = lane[0] as Pending;
      const started = performance.now();
      let ok = true;
      try {
        await job.run();
      } catch (error) {
        ok = false;
        this.options.log?.error(
          { err: error, deliveryId: job.deliveryId, job: job.name, key: job.key },
          `Job ${job.name} failed`,
        );
      }
      const ended = performance.now();
      this.options.onJobDone?.({ job, ok, waitedMs: started - enqueuedAt, ranMs: ended - started });
      lane.shift();
    }
    this.lanes.delete(key);
    this.running--;
    this.pump();
    if (this.lanes.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
