import type { Logger } from "probot";
import { loadThrough, type ConfigCache } from "../config/config-cache.js";
import type { ConfigError, ConfigOctokit } from "../config/load-config.js";
import type { Config } from "../config/schema.js";
import type { RepoRef } from "../github/octokit.js";
import type { Attempt } from "../queue/job-queue.js";

/** A job's work on a repository, with the repository's config. */
export interface RepoWork {
  octokit: ConfigOctokit;
  repo: RepoRef;
  /** Configs loaded recently (the app has one; tests may not). */
  configs?: ConfigCache | undefined;
  /** Which run of the job this is: only the last one reports a failure to people. */
  attempt: Attempt;
  /** Where a failure is logged. */
  log: Pick<Logger, "error" | "warn">;
  /** The failure's log message. */
  failed: string;
  /** The config cannot be used: the work does not run, and this says so (a log line, a comment) if anything should. */
  broken?: (error: ConfigError) => Promise<unknown> | void;
  /** The work, with the loaded config. */
  work: (config: Config) => Promise<void>;
  /** After the last attempt failed: tells the people concerned. Best effort: its own failure is only logged. */
  report?: (error: unknown) => Promise<unknown>;
}

/** What every job's work on its repository starts from: the worker's run of the job, and the caches. */
export function jobScope(job: { repo: RepoRef }, deps: { configs?: ConfigCache | undefined }, run: { octokit: ConfigOctokit; log: RepoWork["log"]; attempt: Attempt }): Pick<RepoWork, "octokit" | "repo" | "configs" | "attempt" | "log"> {
  return { octokit: run.octokit, repo: job.repo, configs: deps.configs, attempt: run.attempt, log: run.log };
}

/**
 * Loads the repository's config (through the cache), hands a broken one to
 * `broken` and otherwise runs `work`. A failure, in `broken` or `work` alike,
 * is logged with the repository and rethrown, so the queue retries the job
 * or keeps it among its failures; only the last attempt tells people
 * (`report`), so a retry that succeeds leaves no error comment behind.
 */
export async function withRepoConfig(job: RepoWork): Promise<void> {
  try {
    const loaded = await loadThrough(job.configs, { octokit: job.octokit, ...job.repo });
    if (!loaded.ok) {
      await job.broken?.(loaded.error);
      return;
    }
    await job.work(loaded.config);
  } catch (error) {
    const repo = `${job.repo.owner}/${job.repo.repo}`;
    if (!job.attempt.last) {
      job.log.warn({ err: error, repo, attempt: job.attempt.number }, `${job.failed}; it is tried again`);
      throw error;
    }
    job.log.error({ err: error, repo }, job.failed);
    await job.report?.(error).catch((reportError: unknown) => job.log.error({ err: reportError }, "Could not report the failure on the issue"));
    throw error;
  }
}
