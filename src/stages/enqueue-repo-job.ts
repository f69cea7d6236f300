import type { Logger } from "probot";
import { loadThrough, type ConfigCache } from "../config/config-cache.js";
import type { ConfigError, ConfigOctokit } from "../config/load-config.js";
import type { Config } from "../config/schema.js";
import type { RepoRef } from "../github/octokit.js";
import type { JobQueue } from "../queue/job-queue.js";

/** A background job on a repository's lane that works with the repository's config. */
export interface RepoJob {
  queue: JobQueue;
  /** The lane: the repository's full name (also the `repo` of the failure's log line). */
  key: string;
  /** What the job is, for logs and metrics (e.g. `monitor`). */
  name: string;
  /** The webhook delivery that caused the job. */
  deliveryId: string;
  /** Reads the config; read when the job starts (a getter may hand over the newest client). */
  octokit: ConfigOctokit;
  repo: RepoRef;
  /** Configs loaded recently (the app has one; tests may not). */
  configs?: ConfigCache | undefined;
  /** Where a failure is logged. */
  log: Pick<Logger, "error">;
  /** The failure's log message. */
  failed: string;
  /** First thing when the job starts, before anything is read (e.g. lets the next event queue another job). */
  started?: () => void;
  /** The config cannot be used: the work does not run, and this says so (a log line, a comment) if anything should. */
  broken?: (error: ConfigError) => Promise<unknown> | void;
  /** The work, with the loaded config. */
  work: (config: Config) => Promise<void>;
  /** After a failure is logged: tells the people concerned. Best effort: its own failure is only logged. */
  report?: (error: unknown) => Promise<unknown>;
}

/**
 * Enqueues a job on the repository's lane that loads the config (through the
 * cache), hands a broken one to `broken` and otherwise runs `work`. Any
 * failure, in `broken` or `work` alike, is caught here, once: logged with the
 * repository and reported through `report`.
 */
export function enqueueRepoJob(job: RepoJob): void {
  job.queue.enqueue({
    key: job.key,
    name: job.name,
    deliveryId: job.deliveryId,
    run: async () => {
      job.started?.();
      try {
        const loaded = await loadThrough(job.configs, { octokit: job.octokit, ...job.repo });
        if (!loaded.ok) {
          await job.broken?.(loaded.error);
          return;
        }
        await job.work(loaded.config);
      } catch (error) {
        job.log.error({ err: error, repo: job.key }, job.failed);
        await job.report?.(error).catch((reportError: unknown) => job.log.error({ err: reportError }, "Could not report the failure on the issue"));
      }
    },
  });
}
