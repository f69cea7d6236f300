import { jobLane } from "../queue/job.js";
import type { JobRunner } from "../queue/job-queue.js";
import { runAuditJob } from "./audit/run-audit-job.js";
import { runCommandJob } from "./commands/run-command-job.js";
import { runDashboardJob, runOrgDashboardJob } from "./dashboard/run-dashboard-job.js";
import { runDispatchNextJob } from "./dispatch/run-follow-up.js";
import type { JobDeps } from "./job-deps.js";
import { runMonitorJob } from "./monitor/run-monitor-job.js";
import { runSweepJob } from "./monitor/run-sweep-job.js";

/**
 * The worker: runs a job, whatever instance took it, with the installation
 * client built from the job's installation id and a log line prefix naming
 * the delivery, the job and the attempt. Each kind goes to its stage.
 */
export function createJobRunner(deps: JobDeps): JobRunner {
  return async (job, attempt) => {
    const octokit = await deps.octokitFor(job.installationId);
    const log = deps.log.child({ deliveryId: job.deliveryId, job: job.kind, repo: jobLane(job), attempt: attempt.number });
    const run = { octokit, log, attempt };
    log.debug(`Job ${job.kind} started`);
    switch (job.kind) {
      case "command":
        return runCommandJob(job, deps, run);
      case "audit":
        return runAuditJob(job, deps, run);
      case "monitor":
        return runMonitorJob(job, deps, run);
      case "dispatchNext":
        return runDispatchNextJob(job, deps, run);
      case "sweep":
        return runSweepJob(job, deps, run);
      case "dashboard":
        return runDashboardJob(job, deps, run);
      case "orgDashboard":
        return runOrgDashboardJob(job, deps, run);
    }
  };
}
