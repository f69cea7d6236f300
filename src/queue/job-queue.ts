/**
 * The background job queue behind every webhook: handlers enqueue and return,
 * so GitHub gets its answer long before its 10-second timeout
 * (https://docs.github.com/en/webhooks/using-webhooks/best-practices-for-using-webhooks#respond-within-10-seconds).
 *
 * Jobs of one lane (a repository, {@link jobLane}) run one at a time, in the
 * order they were enqueued, so two flows never race on one repository's
 * issues — across every instance when the queue is shared. Different lanes
 * run in parallel up to a bound.
 */
import type { Job } from "./job.js";

/** How a job is queued. */
export interface EnqueueOptions {
  /**
   * The job's identity: a second job with the same id is dropped while the
   * queue still knows the first (the same webhook received twice, by one
   * instance or by two).
   */
  id: string;
  /** While a job with this key waits to start, later jobs with the same key are folded into it (they are dropped). */
  coalesce?: string;
  /** Starts the job no sooner than this many milliseconds from now. */
  delayMs?: number;
}

/** How one run of a job went, for the runner to decide whether to report a failure. */
export interface Attempt {
  /** 1 for the first run. */
  number: number;
  /** No retry follows if this run fails: report the failure to people now. */
  last: boolean;
}

/** What runs a job: the worker. A rejection is a failed attempt (retried while attempts are left). */
export type JobRunner = (job: Job, attempt: Attempt) => Promise<void>;

/** A job that failed its last attempt, as the dashboard and metrics show it. */
export interface FailedJob {
  kind: Job["kind"];
  /** `owner/name`. */
  repo: string;
  deliveryId: string;
  attempts: number;
  /** ISO time of the last failure. */
  failedAt: string;
  /** The error's message, one line. */
  reason: string;
}

/** Jobs the queue holds, by state. */
export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
}

/** What every queue implementation offers. */
export interface JobQueue {
  /** Starts running jobs (queued ones included) with `runner`. Called once. */
  start(runner: JobRunner): void;
  /** Adds a job; resolves once it is safely queued, with false when it was dropped as a duplicate or folded into a waiting one. */
  enqueue(job: Job, options: EnqueueOptions): Promise<boolean>;
  /** Resolves when no job is waiting, delayed or running. */
  onIdle(): Promise<void>;
  /** Jobs held now, by state. */
  counts(): Promise<QueueCounts>;
  /** Recent jobs that failed their last attempt, newest first; of one repository (`owner/name`, any case) when given. */
  failures(repo?: string): Promise<FailedJob[]>;
  /** Stops taking jobs, waits for running ones, lets go of connections. */
  close(): Promise<void>;
}
