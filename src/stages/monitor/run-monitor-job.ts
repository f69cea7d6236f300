import type { Logger } from "probot";
import type { Octokit } from "../../github/octokit.js";
import type { MonitorJob } from "../../queue/job.js";
import type { Attempt } from "../../queue/job-queue.js";
import { queueFollowUps } from "../dispatch/run-follow-up.js";
import type { JobDeps } from "../job-deps.js";
import { jobScope, withRepoConfig } from "../with-repo-config.js";
import { findEpicsForEvent } from "./find-epics-for-event.js";
import { runMonitor } from "./run-monitor.js";

/**
 * The monitor job: finds the epics the event named and runs a monitor pass
 * on each. Nobody ran a command, so there is no comment to answer: a
 * failure is retried, and the sweep and `/factory sync` repair what the
 * last attempt missed.
 */
export async function runMonitorJob(job: MonitorJob, deps: JobDeps, run: { octokit: Octokit; log: Logger; attempt: Attempt }): Promise<void> {
  const { octokit, log } = run;
  const { repo, refs } = job;
  await withRepoConfig({
    ...jobScope(job, deps, run),
    failed: "Monitor job failed",
    broken: (error) => log.warn({ error: error.message }, "Monitor skipped: the config is broken"),
    work: async (config) => {
      const identity = await deps.identity();
      const epics = await findEpicsForEvent({ octokit, repo, prefix: config.epics.branchPrefix, refs });
      for (const epic of epics) {
        await runMonitor({
          octokit,
          repo,
          config,
          epic,
          identity,
          now: deps.clock.now(),
          log,
          observer: deps.observer,
          members: { env: deps.env, userOctokit: deps.userOctokit, ...(deps.agentFetch ? { agentFetch: deps.agentFetch } : {}) },
          ...(deps.snapshots ? { snapshots: deps.snapshots } : {}),
          followUps: queueFollowUps(deps, { installationId: job.installationId, repo, deliveryId: job.deliveryId, defaultBranch: refs.defaultBranch }),
        });
      }
    },
  });
}
