import type { Logger } from "probot";
import { loadThrough, type ConfigCache } from "../config/config-cache.js";
import { renderConfigError } from "../config/load-config.js";
import { applyActions } from "../github/apply-actions.js";
import { getRole } from "../github/get-role.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { ParsedCommand } from "../model/command.js";
import { changesState } from "../model/command-verbs.js";
import { planCommandReply, refusal, type Answer } from "../model/plan-command-reply.js";
import type { FlowObserver } from "./flow-observer.js";
import type { UserOctokitFactory } from "./run-dispatch.js";
import { runVerb } from "./run-verb.js";
import { planErrorReply } from "../model/plan-error-reply.js";
import type { Role } from "../model/permission.js";

/** Inputs of {@link runCommands}. */
export interface RunCommandsParams {
  octokit: Octokit;
  log: Logger;
  deliveryId: string;
  repo: RepoRef;
  issueNumber: number;
  comment: { id: number; createdAt: string; author: string };
  commands: ParsedCommand[];
  /** The repository's main language, from the payload. */
  language?: string | null;
  /** The time, for plans that record it. */
  now: () => Date;
  /** The repository's default branch, from the payload (direct dispatch targets it). */
  defaultBranch: string;
  /** Factory's environment, where member tokens are read by name. */
  env: NodeJS.ProcessEnv;
  /** Acts as a member with their token. */
  userOctokit: UserOctokitFactory;
  /** Told what the flows did (metrics). */
  observer?: FlowObserver;
  /** Refreshed with the config this command reads (always afresh). */
  configs?: ConfigCache;
}

/**
 * The command job: observe (config, the author's role) → plan (pure) →
 * apply (reactions and one reply). Any failure is caught here, once: it is
 * logged with the delivery id and reported on the issue, where the author
 * will look.
 */
export async function runCommands(params: RunCommandsParams): Promise<void> {
  const { octokit, repo, comment } = params;
  const target = { octokit, repo };
  try {
    await applyActions({
      ...target,
      actions: [{ kind: "addReaction", key: `taken:${comment.id}`, commentId: comment.id, content: "eyes" }],
    });
    const loaded = await loadThrough(params.configs, { octokit, ...repo, fresh: true });
    const needsRole = params.commands.some((command) => changesState(command));
    const role: Role | undefined = needsRole
      ? await getRole({ octokit, repo, login: comment.author })
      : undefined;
    const ran = new Map<number, Answer>();
    if (loaded.ok) {
      const required = loaded.config.commands.permission;
      for (const [index, command] of params.commands.entries()) {
        if (refusal({ command, role, required })) continue;
        if (command.verb === "unknown" || command.verb === "invalid") continue;
        const answer = await runVerb(
          {
            octokit,
            repo,
            config: loaded.config,
            issue: params.issueNumber,
            author: comment.author,
            delivery: params.deliveryId,
            language: params.language ?? null,
            defaultBranch: params.defaultBranch,
            now: params.now(),
            env: params.env,
            userOctokit: params.userOctokit,
            log: params.log,
            observer: params.observer,
          },
          command,
        );
        if (answer) ran.set(index, answer);
      }
    }
    const actions = planCommandReply({
      commands: params.commands,
      issueNumber: params.issueNumber,
      comment,
      role,
      config: loaded.ok ? { ok: true, config: loaded.config } : { ok: false, error: renderConfigError(loaded.error) },
      ran,
    });
    await applyActions({ ...target, actions });
    params.log.info({ deliveryId: params.deliveryId, actions: actions.map((a) => a.key) }, "Commands answered");
  } catch (error) {
    params.log.error(
      { err: error, deliveryId: params.deliveryId, repo: `${repo.owner}/${repo.repo}`, issue: params.issueNumber },
      "Command job failed",
    );
    await reportFailure(params, error);
  }
}

/** Best effort: tell the author what happened; if even that fails, the log has it. */
async function reportFailure(params: RunCommandsParams, error: unknown): Promise<void> {
  try {
    await applyActions({
      octokit: params.octokit,
      repo: params.repo,
      actions: planErrorReply({
        issueNumber: params.issueNumber,
        comment: params.comment,
        deliveryId: params.deliveryId,
        error,
      }),
    });
  } catch (reportError) {
    params.log.error({ err: reportError, deliveryId: params.deliveryId }, "Could not report the failure on the issue");
  }
}
