import { Queue, Worker, type Job as BullJob } from "bullmq";
import { Redis } from "ioredis";
import { bullId } from "./bull-id.js";
import { jobLane, type Job } from "./job.js";
import { partitionOf } from "./partition-of.js";
import type { EnqueueOptions, FailedJob, JobQueue, JobRunner, QueueCounts } from "./job-queue.js";

/** What {@link RedisQueue} logs: worker, queue and connection errors, and failed attempts (Probot's pino logger fits). */
export interface RedisQueueLogger {
  error(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
}

/** Options for {@link RedisQueue}. */
export interface RedisQueueOptions {
  /** The Redis every instance shares, e.g. `redis://redis:6379`. */
  url: string;
  /** How many partition queues the repositories are spread over: the most repositories that run at once across the fleet. Default 16. Every instance must use the same number. */
  partitions?: number;
  /** Runs of a job before it fails for good. Default 3. */
  attempts?: number;
  /** The first retry's delay; each next retry waits twice as long. Default 5000. */
  backoffMs?: number;
  /** How long a running job's lock lasts without renewal (the worker renews it at half this): how soon a dead instance's job is given up. Default 30000. */
  lockDurationMs?: number;
  /** How often each worker looks for running jobs whose lock expired, to queue them again. Default 30000. */
  stalledIntervalMs?: number;
  /** BullMQ's key prefix. Default `factory`. */
  prefix?: string;
  log?: RedisQueueLogger;
}

/** Completed jobs are kept an hour (at most 5000 a partition): long enough for a redelivered webhook to be recognised by its id. */
const KEEP_COMPLETED = { age: 3600, count: 5000 };
/** Failed jobs are kept a week (at most 5000 a partition), for the dashboard's failures. */
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 5000 };
/** How often {@link RedisQueue.onIdle} looks at the counts. */
const IDLE_POLL_MS = 20;

/**
 * The {@link JobQueue} that several instances of Factory share, on BullMQ
 * over Redis: a webhook received by any instance becomes a job any instance
 * may run, and jobs survive restarts.
 *
 * **One repository at a time, across the fleet.** The queue is split into
 * `partitions` BullMQ queues (`factory-jobs-0` … `factory-jobs-15` by
 * default); a job goes to the partition its lane ({@link jobLane}, the
 * repository) hashes to ({@link partitionOf}). Every partition has a global
 * concurrency of 1 (set in Redis by `start`), and every instance runs one
 * worker per partition with concurrency 1. BullMQ hands out a partition's
 * jobs one at a time, oldest first, whichever instance asks: so a
 * repository's jobs run one after another in the order they were enqueued,
 * across all instances, and different repositories run in parallel, up to
 * `partitions` at once over the whole fleet (not per instance). The price:
 * two repositories that hash to the same partition share its lane and wait
 * for each other. The alternative considered was one queue with concurrency
 * N and a Redis lock per repository; a worker that takes a job whose
 * repository is locked must put it back as delayed and try again later, which
 * breaks the enqueue order and spends Redis round trips on re-tries. Fixed
 * partitions need no lock at all.
 *
 * **Duplicates.** A job's BullMQ id is derived from `EnqueueOptions.id`
 * ({@link bullId}), so the same webhook received twice, by one instance or
 * two, is one job while BullMQ keeps it (an hour after it completes, a week
 * after it fails). BullMQ answers a duplicate add with the existing job's id,
 * as it answers a new one, so `enqueue` then reads the stored job back: when
 * its timestamp is not the one this call created, the job was there before
 * and the call returns false. Only two adds of one id by two instances in
 * the same millisecond both return true; the job is still stored, and run,
 * once.
 *
 * **Coalescing** is BullMQ's deduplication with no time to live, keyed by
 * `EnqueueOptions.coalesce`: while a job with the key waits (or is delayed),
 * a later add with the key is dropped and returns false. The worker removes
 * the key as soon as it starts the job, so an event arriving while the job
 * runs queues a new one (the running job may have read the state too early
 * to see it). The key lives in the job's partition: coalesce keys are meant
 * to name their repository.
 *
 * **Retries.** A runner's rejection fails the attempt; BullMQ retries it after
 * `backoffMs`, then twice that, and so on, until `attempts` runs were made.
 * The job waits its backoff as a delayed job, so the lane is not blocked:
 * jobs enqueued after it may run before its retry, which then goes to the
 * back of the partition.
 *
 * **A dying instance.** A running job holds a lock of `lockDurationMs` that
 * its worker renews. When the instance dies, the lock expires; another
 * instance's stalled-job check (every `stalledIntervalMs`) puts the job back
 * at the front of its partition and it runs again, elsewhere: a job may run
 * twice, so runners must be safe to repeat. BullMQ does not count a stall as
 * an attempt (the rerun sees the same attempt number); a job that stalls a
 * second time fails with "job stalled more than allowable limit", without
 * its runner being told. A job may run longer than `lockDurationMs`: the
 * worker renews the lock every half of it, as long as the event loop is not
 * blocked that long.
 *
 * **Shutting down.** `close` waits for the running jobs. A worker that is
 * closing does not take the next job of its partition, and BullMQ wakes no
 * other worker for a job queued behind a running one, so `close` then adds
 * BullMQ's wake-up marker to every partition: another instance takes over at
 * once instead of after its 5-second blocking wait.
 *
 * **Connections.** One for the partitions' queues, one for the workers'
 * commands, and one blocking connection per worker that BullMQ opens: 2 +
 * `partitions` per instance. `partitions` must be the same on every instance;
 * changing it sends repositories to other partitions, so drain the queue
 * first.
 */
export class RedisQueue implements JobQueue {
  private readonly partitions: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly prefix: string;
  /** One connection for every partition's Queue: adds, counts and reads. */
  private readonly connection: Redis;
  /** One connection for every worker's regular commands; BullMQ opens a blocking one per worker beside it. */
  private workerConnection: Redis | undefined;
  private readonly queues: Array<Queue<Job, void, string>>;
  private workers: Array<Worker<Job, void, string>> = [];
  private starting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: RedisQueueOptions) {
    this.partitions = Math.max(1, Math.floor(options.partitions ?? 16));
    this.attempts = Math.max(1, Math.floor(options.attempts ?? 3));
    this.backoffMs = options.backoffMs ?? 5000;
    this.prefix = options.prefix ?? "factory";
    this.connection = this.connect("queue", {});
    this.queues = Array.from({ length: this.partitions }, (_, i) => {
      const queue = new Queue<Job, void, string>(`factory-jobs-${i}`, { connection: this.connection, prefix: this.prefix });
      queue.on("error", (error) => this.options.log?.error({ err: error, queue: queue.name }, "Job queue error"));
      return queue;
    });
  }

  /**
   * Sets every partition's global concurrency to 1, then starts one worker per
   * partition. Returns at once; errors are logged. Workers start only after
   * the concurrency is set, so even the first instance never runs two jobs of
   * a partition at once.
   */
  start(runner: JobRunner): void {
    if (this.starting) throw new Error("RedisQueue.start was already called");
    this.starting = this.startWorkers(runner).catch((error: unknown) => {
      this.options.log?.error({ err: error }, "Job queue workers did not start");
    });
  }

  async enqueue(job: Job, options: EnqueueOptions): Promise<boolean> {
    const jobId = bullId(options.id);
    const queue = this.queueFor(job);
    const added = await queue.add(job.kind, job, {
      jobId,
      attempts: this.attempts,
      backoff: { type: "exponential", delay: this.backoffMs },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
      delay: options.delayMs !== undefined && options.delayMs > 0 ? options.delayMs : undefined,
      deduplication: options.coalesce === undefined ? undefined : { id: bullId(options.coalesce) },
    });
    // Folded into the waiting job that holds the coalesce key.
    if (added.id !== jobId) return false;
    // A duplicate add returns our id too; the stored job tells whether it is ours.
    const stored = await queue.getJob(jobId);
    return stored === undefined || stored.timestamp === added.timestamp;
  }

  /**
   * Resolves when no partition has a job waiting (prioritised and paused
   * ones included), delayed, running or waiting for children: over the whole
   * fleet, not only this instance. Polls every 20 ms.
   */
  async onIdle(): Promise<void> {
    for (;;) {
      const counts = await Promise.all(this.queues.map((queue) => queue.getJobCounts("waiting", "prioritized", "delayed", "active", "waiting-children")));
      if (counts.every((count) => Object.values(count).every((value) => value === 0))) return;
      await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
    }
  }

  /**
   * Jobs held now over every partition; `waiting` includes prioritised ones
   * (and paused ones: BullMQ 6 keeps a paused queue's jobs in its wait list).
   */
  async counts(): Promise<QueueCounts> {
    const total: QueueCounts = { waiting: 0, delayed: 0, active: 0, failed: 0 };
    for (const queue of this.queues) {
      const count = await queue.getJobCounts("waiting", "prioritized", "delayed", "active", "failed");
      total.waiting += (count.waiting ?? 0) + (count.prioritized ?? 0);
      total.delayed += count.delayed ?? 0;
      total.active += count.active ?? 0;
      total.failed += count.failed ?? 0;
    }
    return total;
  }

  /** The 50 newest jobs that failed for good (of the 200 newest of each partition), of one repository when given. */
  async failures(repo?: string): Promise<FailedJob[]> {
    const lane = repo?.toLowerCase();
    const failed = (await Promise.all(this.queues.map((queue) => queue.getFailed(0, 199)))).flat();
    return failed
      .filter((job) => Boolean(job?.data))
      .filter((job) => lane === undefined || jobLane(job.data) === lane)
      .map((job) => ({ job, at: job.finishedOn ?? job.timestamp }))
      .sort((a, b) => b.at - a.at)
      .slice(0, 50)
      .map(({ job, at }) => ({
        kind: job.data.kind,
        repo: `${job.data.repo.owner}/${job.data.repo.repo}`,
        deliveryId: job.data.deliveryId,
        attempts: job.attemptsMade,
        failedAt: new Date(at).toISOString(),
        reason: (job.failedReason ?? "").split("\n")[0] ?? "",
      }));
  }

  /** Stops taking jobs, waits for the running ones to finish, and closes the queues and connections. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.shutDown(false);
    return this.closing;
  }

  /**
   * For tests: dies as an instance does when its process is killed. Workers
   * close without waiting for their running jobs (which are left active in
   * Redis, unfinished, their locks no longer renewed) and every connection is
   * dropped, so another instance's stalled-job check must pick the jobs up.
   * A runner still running here carries on, but whatever it returns is
   * ignored. After `kill`, `close` does nothing.
   */
  kill(): Promise<void> {
    this.closing ??= this.shutDown(true);
    return this.closing;
  }

  private async startWorkers(runner: JobRunner): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.setGlobalConcurrency(1)));
    if (this.closing) return;
    const connection = this.connect("worker", { maxRetriesPerRequest: null });
    this.workerConnection = connection;
    this.workers = this.queues.map((queue) => {
      const worker = new Worker<Job, void, string>(queue.name, (job) => this.run(runner, job), {
        connection,
        prefix: this.prefix,
        concurrency: 1,
        lockDuration: this.options.lockDurationMs ?? 30_000,
        stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      });
      worker.on("error", (error) => this.options.log?.error({ err: error, queue: queue.name }, "Job worker error"));
      worker.on("failed", (job, error) =>
        this.options.log?.warn?.({ err: error, queue: queue.name, jobId: job?.id, deliveryId: job?.data.deliveryId, attempt: job?.attemptsMade }, "Job attempt failed"),
      );
      return worker;
    });
  }

  /** One attempt of a job: gives up its coalesce key (later events must queue a new job), then runs it. */
  private async run(runner: JobRunner, job: BullJob<Job, void, string>): Promise<void> {
    if (job.deduplicationId !== undefined) await job.removeDeduplicationKey();
    const number = job.attemptsMade + 1;
    await runner({ ...job.data, attempt: number }, { number, last: number >= (job.opts.attempts ?? 1) });
  }

  private queueFor(job: Job): Queue<Job, void, string> {
    return this.queues[partitionOf(jobLane(job), this.partitions)] as Queue<Job, void, string>;
  }

  private connect(role: string, extra: { maxRetriesPerRequest?: null }): Redis {
    const connection = new Redis(this.options.url, extra);
    connection.on("error", (error: unknown) => this.options.log?.warn?.({ err: error, role }, "Redis connection error"));
    return connection;
  }

  private async shutDown(force: boolean): Promise<void> {
    if (force) {
      // A dead process renews no lock and finishes nothing: stop at once.
      await Promise.allSettled(this.workers.map((worker) => worker.close(true)));
      this.workerConnection?.disconnect();
      this.connection.disconnect();
      await Promise.allSettled(this.queues.map((queue) => queue.close()));
      return;
    }
    await this.starting;
    await Promise.all(this.workers.map((worker) => worker.close()));
    if (this.workers.length > 0) {
      // A closing worker finishes its job without taking the next, and BullMQ
      // wakes no other worker for a job queued behind a running one: the other
      // instances would only look again when their 5-second blocking wait ends.
      // The base marker BullMQ's own scripts add wakes them now.
      await Promise.all(this.queues.map((queue) => this.connection.zadd(queue.toKey("marker"), 0, "0")));
    }
    await Promise.all(this.queues.map((queue) => queue.close()));
    await this.workerConnection?.quit();
    await this.connection.quit();
  }
}
