import { AsyncLocalStorage } from "node:async_hooks";
import type { Job, JobQueue } from "../queue/job-queue.js";
import type { Metrics } from "./metrics.js";

/**
 * Wraps any {@link JobQueue} to meter it — depth, each job's duration and
 * outcome — without changing what it does: jobs run where, when and in the
 * order the wrapped queue decides, and a failing job still fails there.
 */
export class MeteredQueue implements JobQueue {
  private readonly scope = new AsyncLocalStorage<{ enqueued: number }>();

  constructor(
    private readonly inner: JobQueue,
    private readonly metrics: Pick<Metrics, "jobsQueued" | "jobDuration" | "jobs">,
  ) {}

  get size(): number {
    return this.inner.size;
  }

  enqueue(job: Job): void {
    const counting = this.scope.getStore();
    if (counting) counting.enqueued += 1;
    this.metrics.jobsQueued.inc();
    this.inner.enqueue({ ...job, run: () => this.runMetered(job) });
  }

  onIdle(): Promise<void> {
    return this.inner.onIdle();
  }

  /** Runs `work` and says how many jobs it enqueued, its awaited continuations included. */
  async countEnqueued(work: () => Promise<void>): Promise<number> {
    const counting = { enqueued: 0 };
    await this.scope.run(counting, work);
    return counting.enqueued;
  }

  private async runMetered(job: Job): Promise<void> {
    const stop = this.metrics.jobDuration.startTimer({ name: job.name });
    let outcome = "ok";
    try {
      // A job never counts toward the handler whose enqueue started its lane.
      await this.scope.exit(() => job.run());
    } catch (error) {
      outcome = "failed";
      throw error;
    } finally {
      stop();
      this.metrics.jobs.inc({ name: job.name, outcome });
      this.metrics.jobsQueued.dec();
    }
  }
}
