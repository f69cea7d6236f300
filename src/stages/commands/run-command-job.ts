import type { Logger } from "probot";
import type { Octokit } from "../../github/octokit.js";
import type { CommandJob } from "../../queue/job.js";
import type { Attempt } from "../../queue/job-queue.js";
import type { JobDeps } from "../job-deps.js";
import { runCommands } from "./run-commands.js";

/**
 * The command job: the comment's commands, read when the webhook came, run
 * on whichever instance takes the job. `runCommands` catches and reports its
 * own failures on the issue, so a command job is never retried: a retry
 * would answer twice.
 */
export async function runCommandJob(job: CommandJob, deps: JobDeps, run: { octokit: Octokit; log: Logger; attempt: Attempt }): Promise<void> {
  const { refs } = job;
  await runCommands({
    octokit: run.octokit,
    log: run.log,
    deliveryId: job.deliveryId,
    repo: job.repo,
    issueNumber: refs.issue,
    comment: refs.comment,
    commands: refs.commands,
    language: refs.language,
    now: () => deps.clock.now(),
    defaultBranch: refs.defaultBranch,
    env: deps.env,
    userOctokit: deps.userOctokit,
    ...(deps.agentFetch ? { agentFetch: deps.agentFetch } : {}),
    observer: deps.observer,
    ...(deps.configs ? { configs: deps.configs } : {}),
    strangers: deps.strangers,
    identity: deps.identity,
  });
}
