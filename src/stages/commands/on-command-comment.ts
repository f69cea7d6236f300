import type { Context } from "probot";
import type { IdentitySource } from "../../github/app-identity.js";
import { parseCommands } from "./parse-commands.js";
import type { Clock } from "../../github/clock.js";
import type { PacerRegistry } from "../../github/pacer-registry.js";
import type { JobQueue } from "../../queue/job-queue.js";
import type { FlowObserver } from "../flow-observer.js";
import type { ConfigCache } from "../../config/config-cache.js";
import type { DashboardScheduler } from "../dashboard/dashboard-scheduler.js";
import type { UserOctokitFactory } from "../dispatch/run-dispatch.js";
import { runCommands } from "./run-commands.js";
import type { StrangerLimit } from "./stranger-limit.js";

/**
 * Handler for `issue_comment.created`: finds `/factory` commands and
 * enqueues them. Only `created` is subscribed, so editing a comment never runs
 * its commands again; comments by bots (Factory included) are ignored.
 */
export function onCommandComment(deps: { queue: JobQueue; pacers: PacerRegistry; clock: Clock; env: NodeJS.ProcessEnv; userOctokit: UserOctokitFactory; observer?: FlowObserver; dashboards?: DashboardScheduler; configs?: ConfigCache; strangers: StrangerLimit; identity: IdentitySource }) {
  return async (context: Context<"issue_comment.created">): Promise<void> => {
    const { comment, issue, repository, sender } = context.payload;
    if (context.isBot || sender.type === "Bot" || comment.user?.type === "Bot") return;
    const commands = parseCommands(comment.body ?? "");
    if (commands.length === 0) return;
    deps.pacers.pace(context.octokit, context.payload.installation?.id);
    context.log.info(
      { deliveryId: context.id, commands: commands.map((c) => c.text), issue: issue.number },
      `Queued ${commands.length} command(s)`,
    );
    deps.queue.enqueue({
      key: repository.full_name,
      name: "command",
      deliveryId: context.id,
      run: () =>
        runCommands({
          octokit: context.octokit,
          log: context.log,
          deliveryId: context.id,
          repo: { owner: repository.owner.login, repo: repository.name },
          issueNumber: issue.number,
          comment: { id: comment.id, createdAt: comment.created_at, author: comment.user?.login ?? sender.login },
          commands,
          language: repository.language ?? null,
          now: () => deps.clock.now(),
          defaultBranch: repository.default_branch,
          env: deps.env,
          userOctokit: deps.userOctokit,
          observer: deps.observer,
          ...(deps.configs ? { configs: deps.configs } : {}),
          strangers: deps.strangers,
          identity: deps.identity,
        }),
    });
    deps.dashboards?.schedule({ octokit: context.octokit, repo: { owner: repository.owner.login, repo: repository.name } });
  };
}
