import type { Context } from "probot";
import { parseCommands } from "./parse-commands.js";
import type { JobDeps } from "../job-deps.js";
import { scheduleDashboard } from "../dashboard/schedule-dashboard.js";

/**
 * Handler for `issue_comment.created`: finds `/factory` commands and
 * enqueues them as a command job. Only `created` is subscribed, so editing a
 * comment never runs its commands again; comments by bots (Factory
 * included) are ignored. The job's id is the delivery's, so the same
 * delivery received twice — by this instance or another — runs once.
 */
export function onCommandComment(deps: Pick<JobDeps, "jobs" | "dashboardDelayMs">) {
  return async (context: Context<"issue_comment.created">): Promise<void> => {
    const { comment, issue, repository, sender } = context.payload;
    if (context.isBot || sender.type === "Bot" || comment.user?.type === "Bot") return;
    const commands = parseCommands(comment.body ?? "");
    if (commands.length === 0) return;
    const installationId = context.payload.installation?.id ?? 0;
    const repo = { owner: repository.owner.login, repo: repository.name };
    context.log.info({ deliveryId: context.id, commands: commands.map((c) => c.text), issue: issue.number }, `Queued ${commands.length} command(s)`);
    await deps.jobs.enqueue(
      {
        kind: "command",
        installationId,
        repo,
        refs: {
          issue: issue.number,
          comment: { id: comment.id, createdAt: comment.created_at, author: comment.user?.login ?? sender.login },
          commands,
          language: repository.language ?? null,
          defaultBranch: repository.default_branch,
        },
        deliveryId: context.id,
        attempt: 1,
      },
      { id: `command:${comment.id}` },
    );
    await scheduleDashboard(deps, { installationId, repo, deliveryId: context.id });
  };
}
