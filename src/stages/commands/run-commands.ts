import type { Logger } from "probot";
import type { IdentitySource } from "../../github/app-identity.js";
import { loadThrough, type ConfigCache } from "../../config/config-cache.js";
import { renderConfigError } from "../../config/load-config.js";
import { applyPlan } from "../run-flow.js";
import { getRole } from "../../github/get-role.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { ParsedCommand } from "./command.js";
import { planCommandReply, refusal, type Answer } from "./plan-command-reply.js";
import type { FlowObserver } from "../flow-observer.js";
import type { UserOctokitFactory } from "../dispatch/run-dispatch.js";
import { runVerb } from "./run-verb.js";
import { planErrorReply } from "./plan-error-reply.js";
import { withConfigWarnings } from "./with-config-warnings.js";
import { hasRole, type Role } from "../../model/permission.js";
import { commandsSchema } from "../../config/commands-schema.js";
import type { StrangerLimit } from "./stranger-limit.js";

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
  /** How agents' own APIs are reached (Jules's sessions); Node's `fetch` when absent, a stand-in in tests. */
  agentFetch?: typeof globalThis.fetch;
  /** Told what the flows did (metrics). */
  observer?: FlowObserver;
  /** Refreshed with the config this command reads (always afresh). */
  configs?: ConfigCache;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: IdentitySource;
  /** Rations answers to authors without the permission (SPEC §5). */
  strangers: StrangerLimit;
}

/** The permission commands need when the config cannot be read: the schema's default. */
const DEFAULT_REQUIRED: Role = commandsSchema.parse({}).permission;

/**
 * The command job: observe (config, the author's role) → plan (pure) →
 * apply (reactions and one reply). Reads come before any write: an author
 * without the permission is answered at most once per issue and hour, with
 * the reply alone, and otherwise not at all (SPEC §5). Any failure is caught
 * here, once: it is logged with the delivery id and reported on the issue,
 * where the author will look (if they may be answered).
 */
export async function runCommands(params: RunCommandsParams): Promise<void> {
  const { octokit, repo, comment } = params;
  let permitted: boolean | undefined;
  let answerable: boolean | undefined;
  try {
    const identity = await params.identity();
    const target = { octokit, repo, identity };
    const loaded = await loadThrough(params.configs, { octokit, ...repo, fresh: true });
    const role = await getRole({ octokit, repo, login: comment.author });
    permitted = hasRole(role, loaded.ok ? loaded.config.commands.permission : DEFAULT_REQUIRED);
    answerable = permitted || (await admit(params));
    if (!answerable) {
      params.log.info({ deliveryId: params.deliveryId, author: comment.author, issue: params.issueNumber }, "Not answered: the author was answered on this issue within the hour");
      return;
    }
    if (permitted) {
      await applyPlan(target, [{ kind: "addReaction", key: `taken:${comment.id}`, commentId: comment.id, content: "eyes" }]);
    }
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
            ...(params.agentFetch ? { agentFetch: params.agentFetch } : {}),
            log: params.log,
            observer: params.observer,
            identity,
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
      permitted,
      config: loaded.ok ? { ok: true, config: loaded.config } : { ok: false, error: renderConfigError(loaded.error) },
      ran,
    });
    // Settings only the organisation may set, asked for by this repository's file: the reply says which were ignored.
    await applyPlan(target, withConfigWarnings({ actions, warnings: loaded.ok ? loaded.warnings : [] }));
    params.log.info({ deliveryId: params.deliveryId, actions: actions.map((a) => a.key) }, "Commands answered");
  } catch (error) {
    params.log.error(
      { err: error, deliveryId: params.deliveryId, repo: `${repo.owner}/${repo.repo}`, issue: params.issueNumber },
      "Command job failed",
    );
    // A failure before the role was known counts as the stranger's answer, if it is due.
    if (answerable ?? (await admit(params))) await reportFailure(params, error, permitted === true);
  }
}

/** Whether the author, who lacks the permission, may be answered on this issue now (and counts it if so). */
function admit(params: RunCommandsParams): Promise<boolean> {
  return params.strangers.admit({ repo: params.repo, issue: params.issueNumber, login: params.comment.author });
}

/** Best effort: tell the author what happened; if even that fails, the log has it. */
async function reportFailure(params: RunCommandsParams, error: unknown, permitted: boolean): Promise<void> {
  try {
    const actions = planErrorReply({ issueNumber: params.issueNumber, comment: params.comment, deliveryId: params.deliveryId, error });
    await applyPlan({ octokit: params.octokit, repo: params.repo, identity: await params.identity() }, actions.filter((action) => permitted || action.kind !== "addReaction"));
  } catch (reportError) {
    params.log.error({ err: reportError, deliveryId: params.deliveryId }, "Could not report the failure on the issue");
  }
}
