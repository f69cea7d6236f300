/**
 * Work a flow leaves for a job of its own rather than doing it inline: the
 * monitor that finishes a phase does not dispatch the next one, it enqueues
 * it, and the queue runs the dispatch flow with its own budget checks. Plain
 * data, so a job can be queued, logged and (later) kept outside the process.
 */
export type FollowUp = { kind: "dispatchNext"; /** `owner/name`. */ repo: string; epic: number };

/** The job key a follow-up is queued and deduplicated under. */
export function followUpKey(job: FollowUp): string {
  return `${job.kind}:${job.repo.toLowerCase()}#${job.epic}`;
}
