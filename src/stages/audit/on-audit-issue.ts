import type { Context } from "probot";
import type { JobDeps } from "../job-deps.js";
import { scheduleDashboard } from "../dashboard/schedule-dashboard.js";

type AuditIssueContext = Context<"issues.labeled"> | Context<"issues.opened">;

/**
 * Handler for `issues.labeled` (the audit label was added) and
 * `issues.opened` (auto mode): queues an audit job. Events sent by bots —
 * Factory's own issue creations among them — are ignored; the job checks
 * the label and the sender's permission against the config, since anyone
 * can open an issue titled "[Audit]" in a public repository.
 */
export function onAuditIssue(deps: Pick<JobDeps, "jobs" | "dashboardDelayMs">) {
  return async (context: AuditIssueContext): Promise<void> => {
    const { issue, repository, sender } = context.payload;
    if (context.isBot || sender.type === "Bot") return;
    const labelAdded = context.payload.action === "labeled" ? (context.payload.label?.name ?? "") : undefined;
    const installationId = context.payload.installation?.id ?? 0;
    const repo = { owner: repository.owner.login, repo: repository.name };
    await deps.jobs.enqueue(
      {
        kind: "audit",
        installationId,
        repo,
        refs: {
          issue: { number: issue.number, title: issue.title, labels: (issue.labels ?? []).map((label) => (typeof label === "string" ? label : { name: label.name ?? "" })) },
          ...(labelAdded === undefined ? {} : { labelAdded }),
          sender: sender.login,
          language: repository.language ?? null,
        },
        deliveryId: context.id,
        attempt: 1,
      },
      { id: `audit:${context.id}` },
    );
    await scheduleDashboard(deps, { installationId, repo, deliveryId: context.id });
  };
}
