import type { Logger } from "probot";
import type { Octokit } from "../../github/octokit.js";
import type { DashboardJob, OrgDashboardJob } from "../../queue/job.js";
import type { Attempt } from "../../queue/job-queue.js";
import type { JobDeps } from "../job-deps.js";
import { jobScope, withRepoConfig } from "../with-repo-config.js";
import { runDashboard } from "./run-dashboard.js";
import { runOrgDashboard } from "./run-org-dashboard.js";

/** A dashboard job's run. */
type DashboardRun = { octokit: Octokit; log: Logger; attempt: Attempt };

/** The repository dashboard job: re-renders its issue, with the jobs of the repository that failed lately. */
export async function runDashboardJob(job: DashboardJob, deps: JobDeps, run: DashboardRun): Promise<void> {
  await withRepoConfig({
    ...jobScope(job, deps, run),
    failed: "Dashboard update failed; the next event or sweep tries again",
    work: async (config) => {
      await runDashboard({
        octokit: run.octokit,
        repo: job.repo,
        config,
        identity: await deps.identity(),
        now: deps.clock.now(),
        failedJobs: await deps.jobs.failures(`${job.repo.owner}/${job.repo.repo}`),
        ...(deps.snapshots ? { snapshots: deps.snapshots } : {}),
      });
    },
  });
}

/** The organisation's dashboard job, on its `.github` repository, after a sweep of its repositories. */
export async function runOrgDashboardJob(job: OrgDashboardJob, deps: JobDeps, run: DashboardRun): Promise<void> {
  await withRepoConfig({
    ...jobScope(job, deps, run),
    failed: "Organisation dashboard update failed; the next sweep tries again",
    work: async (config) => {
      await runOrgDashboard({ octokit: run.octokit, org: job.repo.owner, repos: job.refs.repos, config, identity: await deps.identity(), now: deps.clock.now() });
    },
  });
}
