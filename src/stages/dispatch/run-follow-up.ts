import type { FollowUp } from "../../model/follow-up.js";
import type { JobQueue } from "../../queue/job-queue.js";
import { runDispatch, type DispatchOutcome, type RunDispatchParams } from "./run-dispatch.js";

/** What a follow-up job runs with: the dispatch flow's inputs, but the epic and target the job names. */
export type FollowUpParams = Omit<RunDispatchParams, "issue" | "target" | "dryRun">;

/**
 * Runs one follow-up job: the epic's next phase through the dispatch flow
 * (SPEC §1.3), so the budget, the pause and the ledger decide as they do for
 * `/factory dispatch next`.
 */
export async function runFollowUp(job: FollowUp, params: FollowUpParams): Promise<DispatchOutcome> {
  const outcome = await runDispatch({ ...params, issue: job.epic, target: { kind: "next" }, dryRun: false });
  params.log.info({ epic: job.epic, dispatched: outcome.plan.dispatches.map((d) => d.child), skipped: outcome.plan.skipped }, "Next phase dispatched automatically");
  return outcome;
}

/**
 * Where a background flow's follow-ups go: each becomes a job of its own on
 * the repository's lane of the queue, after the job that planned it. A
 * failure is logged; the sweep and `/factory sync` plan it again.
 */
export function queueFollowUps(
  deps: { queue: JobQueue } & Pick<FollowUpParams, "env" | "userOctokit" | "observer">,
  run: Omit<FollowUpParams, "env" | "userOctokit" | "observer">,
): (job: FollowUp) => void {
  const params: FollowUpParams = { ...run, env: deps.env, userOctokit: deps.userOctokit, observer: deps.observer };
  return (job) =>
    deps.queue.enqueue({
      key: job.repo,
      name: job.kind,
      deliveryId: params.delivery,
      run: async () => {
        try {
          await runFollowUp(job, params);
        } catch (error) {
          params.log.error({ err: error, epic: job.epic }, "Follow-up job failed; the sweep plans it again");
        }
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
