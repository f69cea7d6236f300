import type { Logger } from "probot";
import type { Octokit } from "../../github/octokit.js";
import type { FollowUp } from "../../model/follow-up.js";
import { jobLane, type DispatchNextJob } from "../../queue/job.js";
import type { Attempt } from "../../queue/job-queue.js";
import type { JobDeps } from "../job-deps.js";
import { jobScope, withRepoConfig } from "../with-repo-config.js";
import { runDispatch, type DispatchOutcome, type RunDispatchParams } from "./run-dispatch.js";

/** What a follow-up runs with: the dispatch flow's inputs, but the epic and target the follow-up names. */
export type FollowUpParams = Omit<RunDispatchParams, "issue" | "target" | "dryRun">;

/**
 * Runs one follow-up: the epic's next phase through the dispatch flow
 * (SPEC §1.3), so the budget, the pause and the ledger decide as they do for
 * `/factory dispatch next`.
 */
export async function runFollowUp(job: FollowUp, params: FollowUpParams): Promise<DispatchOutcome> {
  const outcome = await runDispatch({ ...params, issue: job.epic, target: { kind: "next" }, dryRun: false });
  params.log.info({ epic: job.epic, dispatched: outcome.plan.dispatches.map((d) => d.child), skipped: outcome.plan.skipped }, "Next phase dispatched automatically");
  return outcome;
}

/**
 * Where a background flow's follow-ups go: each becomes a `dispatchNext` job
 * on the repository's lane, after the job that planned it. Its id names the
 * epic and the delivery, so a pass run twice for one delivery (a retry, a
 * second instance) queues it once; the ledger stops any second payment.
 */
export function queueFollowUps(deps: Pick<JobDeps, "jobs">, at: { installationId: number; repo: { owner: string; repo: string }; deliveryId: string; defaultBranch: string }): (job: FollowUp) => Promise<unknown> {
  return (followUp) =>
    deps.jobs.enqueue(
      { kind: "dispatchNext", installationId: at.installationId, repo: at.repo, refs: { epic: followUp.epic, defaultBranch: at.defaultBranch }, deliveryId: at.deliveryId, attempt: 1 },
      { id: `dispatchNext:${jobLane(at)}#${followUp.epic}:${at.deliveryId}` },
    );
}

/**
 * The `dispatchNext` job: the epic's next phase. A failure is retried; after
 * the last attempt the sweep and `/factory sync` plan it again.
 */
export async function runDispatchNextJob(job: DispatchNextJob, deps: JobDeps, run: { octokit: Octokit; log: Logger; attempt: Attempt }): Promise<void> {
  const { octokit, log } = run;
  await withRepoConfig({
    ...jobScope(job, deps, run),
    failed: "Follow-up job failed; the sweep plans it again",
    work: async (config) => {
      await runFollowUp(
        { kind: "dispatchNext", repo: `${job.repo.owner}/${job.repo.repo}`, epic: job.refs.epic },
        {
          octokit,
          repo: job.repo,
          config,
          identity: await deps.identity(),
          now: deps.clock.now(),
          delivery: job.deliveryId,
          defaultBranch: job.refs.defaultBranch,
          env: deps.env,
          userOctokit: deps.userOctokit,
          ...(deps.agentFetch ? { agentFetch: deps.agentFetch } : {}),
          log,
          ...(deps.observer ? { observer: deps.observer } : {}),
        },
      );
    },
  });
}

/**
 * Follow-ups kept to run once the flow that planned them is done — for a
 * command or the CLI, whose answer says what they did.
 */
export class FollowUpList {
  readonly jobs: FollowUp[] = [];
  readonly take = (job: FollowUp): void => {
    this.jobs.push(job);
  };

  /** Runs every job taken, in order; returns each one's outcome. */
  async runAll(params: FollowUpParams): Promise<Array<{ job: FollowUp; outcome: DispatchOutcome }>> {
    const done: Array<{ job: FollowUp; outcome: DispatchOutcome }> = [];
    for (const job of this.jobs.splice(0)) done.push({ job, outcome: await runFollowUp(job, params) });
    return done;
  }
}
