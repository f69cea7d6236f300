import type { Context } from "probot";
import type { JobDeps } from "../job-deps.js";
import type { AuditJob } from "../../queue/job.js";
import { READING_KIND } from "./audit-reading.js";

type Refs = AuditJob["refs"];

/**
 * Handler for `issues.edited`: an edit of an issue's body queues an audit
 * job, which brings Factory's reading of the audit up to date (if the
 * issue is an audit with a reading, and the editor may run commands).
 * Edits by bots, and edits of the title alone, are ignored.
 */
export function onAuditEdited(deps: Pick<JobDeps, "jobs">) {
  return async (context: Context<"issues.edited">): Promise<void> => {
    const { issue, repository, sender, changes } = context.payload;
    if (context.isBot || sender.type === "Bot" || changes.body === undefined) return;
    await enqueue(deps, context, {
      issue: { number: issue.number, title: issue.title, labels: (issue.labels ?? []).map((label) => ({ name: label.name ?? "" })) },
      sender: sender.login,
      language: repository.language ?? null,
      edited: { kind: "body" },
    });
  };
}

/**
 * Handler for `issue_comment.edited` on what looks like Factory's reading
 * of an audit (a bot's comment carrying the reading marker; the job checks
 * it is Factory's own): queues an audit job with the text before the edit,
 * which creates the ticked lines' issues or puts back an edit by someone
 * without the command permission. Edits by bots — Factory's own rewrites
 * among them — are ignored.
 */
export function onReadingEdited(deps: Pick<JobDeps, "jobs">) {
  return async (context: Context<"issue_comment.edited">): Promise<void> => {
    const { issue, comment, repository, sender, changes } = context.payload;
    if (context.isBot || sender.type === "Bot" || comment.user?.type !== "Bot" || changes.body === undefined) return;
    if (!(comment.body ?? "").includes(`factory:${READING_KIND} `)) return;
    await enqueue(deps, context, {
      issue: { number: issue.number, title: issue.title, labels: (issue.labels ?? []).map((label) => ({ name: label.name ?? "" })) },
      sender: sender.login,
      language: repository.language ?? null,
      edited: { kind: "reading", comment: comment.id, before: changes.body.from ?? null },
    });
  };
}

async function enqueue(deps: Pick<JobDeps, "jobs">, context: Context<"issues.edited" | "issue_comment.edited">, refs: Refs): Promise<void> {
  const { repository } = context.payload;
  await deps.jobs.enqueue(
    {
      kind: "audit",
      installationId: context.payload.installation?.id ?? 0,
      repo: { owner: repository.owner.login, repo: repository.name },
      refs,
      deliveryId: context.id,
      attempt: 1,
    },
    { id: `audit:${context.id}` },
  );
}
