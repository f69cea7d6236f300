import { AsyncLocalStorage } from "node:async_hooks";
import type { Job } from "../queue/job.js";
import type { EnqueueOptions, FailedJob, JobQueue, JobRunner, QueueCounts } from "../queue/job-queue.js";
import type { Metrics } from "./metrics.js";

/**
 * Wraps any {@link JobQueue} to meter it — each job's duration and outcome,
 * and the queue's depth and failures read from the queue itself when
 * `/metrics` is scraped (with Redis, the whole fleet's) — without changing
 * what it does: jobs run where, when and in the order the wrapped queue
 * decides, and a failing job still fails there.
 */
export class MeteredQueue implements JobQueue {
  private readonly scope = new AsyncLocalStorage<{ enqueued: number }>();

  constructor(
    private readonly inner: JobQueue,
    private readonly metrics: Pick<Metrics, "watchQueue" | "jobDuration" | "jobs">,
  ) {
    metrics.watchQueue(() => inner.counts());
  }

  start(runner: JobRunner): void {
    this.inner.start((job, attempt) => this.runMetered(runner, job, attempt));
  }

  async enqueue(job: Job, options: EnqueueOptions): Promise<boolean> {
    const counting = this.scope.getStore();
    const added = await this.inner.enqueue(job, options);
    if (counting && added) counting.enqueued += 1;
    return added;
  }

  onIdle(): Promise<void> {
    return this.inner.onIdle();
  }

  counts(): Promise<QueueCounts> {
    return this.inner.counts();
  }

  failures(repo?: string): Promise<FailedJob[]> {
    return this.inner.failures(repo);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Runs `work` and says how many jobs it enqueued, its awaited continuations included. */
  async countEnqueued(work: () => Promise<void>): Promise<number> {
    const counting = { enqueued: 0 };
    await this.scope.run(counting, work);
    return counting.enqueued;
  }

  private async runMetered(runner: JobRunner, job: Job, attempt: Parameters<JobRunner>[1]): Promise<void> {
    const stop = this.metrics.jobDuration.startTimer({ name: job.kind });
    let outcome = "ok";
    try {
      // A job never counts toward the handler whose enqueue started its lane.
      await this.scope.exit(() => runner(job, attempt));
    } catch (error) {
      outcome = attempt.last ? "failed" : "retried";
      throw error;
    } finally {
      stop();
      this.metrics.jobs.inc({ name: job.kind, outcome });
    }
  }
}
