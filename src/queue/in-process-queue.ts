import type { Job } from "./job.js";
import { jobLane } from "./job.js";
import type { Attempt, EnqueueOptions, FailedJob, JobQueue, JobRunner, QueueCounts } from "./job-queue.js";

/** Minimal logger the queue needs (Probot's pino logger fits). */
export interface QueueLogger {
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** Options for {@link InProcessQueue}. */
export interface InProcessQueueOptions {
  /** How many lanes may run at once. */
  concurrency?: number;
  log?: QueueLogger;
  /** How many job ids are remembered to drop a delivery received twice (default 10,000). */
  rememberIds?: number;
  /** How many failed jobs are kept for the dashboard (default 200). */
  keepFailures?: number;
}

interface Pending {
  job: Job;
  coalesce?: string;
}

/**
 * The default queue: in this process's memory, one FIFO lane per
 * repository, bounded parallelism across lanes. Jobs are plain data run by
 * the runner given to {@link start}; one that throws is logged with its
 * delivery id, kept among the failures, and never stops the queue. Each job
 * runs once: a failure is reported at once, and the sweep or `/factory sync`
 * repairs what it missed (the Redis queue retries with backoff instead).
 * A restart loses what waits here; run with `REDIS_URL` to keep it.
 */
export class InProcessQueue implements JobQueue {
  private readonly lanes = new Map<string, Pending[]>();
  private readonly ready: string[] = [];
  private readonly seen = new Set<string>();
  private readonly waitingCoalesce = new Set<string>();
  private readonly failed: FailedJob[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly concurrency: number;
  private runner: JobRunner | undefined;
  private closed = false;

  constructor(private readonly options: InProcessQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  start(runner: JobRunner): void {
    this.runner = runner;
    this.pump();
  }

  async enqueue(job: Job, options: EnqueueOptions): Promise<boolean> {
    if (this.closed || this.seen.has(options.id)) return false;
    if (options.coalesce !== undefined && this.waitingCoalesce.has(options.coalesce)) return false;
    this.remember(options.id);
    if (options.coalesce !== undefined) this.waitingCoalesce.add(options.coalesce);
    const pending: Pending = { job, ...(options.coalesce === undefined ? {} : { coalesce: options.coalesce }) };
    if (options.delayMs !== undefined && options.delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.add(pending);
      }, options.delayMs);
      timer.unref();
      this.timers.add(timer);
    } else {
      this.add(pending);
    }
    return true;
  }

  onIdle(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async counts(): Promise<QueueCounts> {
    let queued = 0;
    for (const lane of this.lanes.values()) queued += lane.length;
    return { waiting: queued - this.running, delayed: this.timers.size, active: this.running, failed: this.failed.length };
  }

  async failures(repo?: string): Promise<FailedJob[]> {
    const wanted = repo?.toLowerCase();
    return this.failed.filter((failure) => wanted === undefined || failure.repo.toLowerCase() === wanted);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.onIdle();
  }

  private idle(): boolean {
    return this.lanes.size === 0 && this.timers.size === 0;
  }

  private remember(id: string): void {
    this.seen.add(id);
    const limit = this.options.rememberIds ?? 10_000;
    while (this.seen.size > limit) this.seen.delete(this.seen.values().next().value as string);
  }

  private add(pending: Pending): void {
    const key = jobLane(pending.job);
    const lane = this.lanes.get(key);
    if (lane) {
      lane.push(pending);
      return;
    }
    this.lanes.set(key, [pending]);
    this.ready.push(key);
    this.pump();
  }

  private pump(): void {
    if (!this.runner) return;
    while (this.running < this.concurrency && this.ready.length > 0) {
      const key = this.ready.shift() as string;
      this.running++;
      void this.drainLane(key);
    }
  }

  /** Runs a lane's jobs one after another until it is empty. */
  private async drainLane(key: string): Promise<void> {
    const lane = this.lanes.get(key) as Pending[];
    const runner = this.runner as JobRunner;
    while (lane.length > 0) {
      const { job, coalesce } = lane[0] as Pending;
      // Started: an event from now on may need a pass of its own.
      if (coalesce !== undefined) this.waitingCoalesce.delete(coalesce);
      const attempt: Attempt = { number: 1, last: true };
      try {
        await runner({ ...job, attempt: attempt.number }, attempt);
      } catch (error) {
        this.options.log?.error({ err: error, deliveryId: job.deliveryId, job: job.kind, key }, `Job ${job.kind} failed`);
        this.failed.unshift({
          kind: job.kind,
          repo: `${job.repo.owner}/${job.repo.repo}`,
          deliveryId: job.deliveryId,
          attempts: attempt.number,
          failedAt: new Date().toISOString(),
          reason: firstLine(error),
        });
        this.failed.splice(this.options.keepFailures ?? 200);
      }
      lane.shift();
    }
    this.lanes.delete(key);
    this.running--;
    this.pump();
    if (this.idle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}

/** An error's message, first line, for the dashboard. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").slice(0, 300);
}
