/**
 * The background job queue behind every webhook: handlers enqueue and return,
 * so GitHub gets its answer long before its 10-second timeout
 * (https://docs.github.com/en/webhooks/using-webhooks/best-practices-for-using-webhooks#respond-within-10-seconds).
 *
 * Jobs with the same `key` (a repository's full name) run one at a time, in
 * the order they were enqueued, so two flows never race on one repository's
 * issues. Different keys run in parallel up to a bound.
 */

/** A unit of background work. */
export interface Job {
  /** Serialisation key: jobs with equal keys never overlap. */
  key: string;
  /** What the job does, for logs and metrics (e.g. `command`). */
  name: string;
  /** The webhook delivery that caused the job, for logs. */
  deliveryId: string;
  /** The work. A rejection is logged by the queue; report it to users inside `run`. */
  run: () => Promise<void>;
}

/** What every queue implementation offers. */
export interface JobQueue {
  /** Adds a job; returns at once. */
  enqueue(job: Job): void;
  /** Resolves when no job is queued or running. */
  onIdle(): Promise<void>;
  /** Jobs waiting or running. */
  readonly size: number;
}
