import type { Config } from "../../config/schema.js";
import type { Action, ReactionContent } from "../../model/action.js";
import { codeSpan } from "../../model/code-span.js";
import type { ParsedCommand, Verb } from "./command.js";
import { changesState, findVerb, needsPermission } from "./command-verbs.js";
import { hasRole, type Role } from "../../model/permission.js";
import { renderHelp } from "./render-help.js";

/** Verbs this version of Factory can run; the others answer "not available yet". */
export const AVAILABLE_VERBS: ReadonlySet<Verb> = new Set<Verb>(["help", "status", "budget", "audit", "epic", "adopt", "dispatch", "sync", "pause", "resume", "retry", "escalate"]);

/** Inputs of {@link planCommandReply}. */
export interface PlanCommandReplyParams {
  commands: readonly ParsedCommand[];
  issueNumber: number;
  comment: { id: number; createdAt: string; author: string };
  /** The author's role. */
  role: Role | undefined;
  /**
   * False when the author lacks the configured permission: the answer is then
   * the reply alone, without the final reaction, as every reaction is a write
   * and strangers' answers are rationed (SPEC §5). Default true.
   */
  permitted?: boolean;
  /** The loaded config, or the rendered error to show instead of running anything. */
  config: { ok: true; config: Pick<Config, "commands"> } | { ok: false; error: string };
  available?: ReadonlySet<Verb>;
  /** Answers of commands a flow ran, by their index in `commands`. */
  ran?: ReadonlyMap<number, Answer>;
}

/** The answer to one command line. */
export interface Answer {
  ok: boolean;
  text: string;
}

/**
 * Plans the answer to a comment's commands: one reply comment (found again by
 * its marker, so a redelivered webhook never answers twice) and a final
 * reaction — 🚀 when every command was done, 😕 when any was refused.
 * A broken config answers with the config error alone and runs nothing.
 * Someone without the permission gets the reply only: one write.
 */
export function planCommandReply(params: PlanCommandReplyParams): Action[] {
  const { comment } = params;
  const available = params.available ?? AVAILABLE_VERBS;
  let body: string;
  let ok: boolean;
  if (!params.config.ok) {
    body = params.config.error;
    ok = false;
  } else {
    const required = params.config.config.commands.permission;
    const answers = params.commands.map(
      (command, index) =>
        refusal({ command, role: params.role, required, available }) ??
        params.ran?.get(index) ??
        answerCommand({ command, available }),
    );
    ok = answers.every((answer) => answer.ok);
    body = answers
      .map((answer, index) => {
        const command = params.commands[index] as ParsedCommand;
        return `${answer.ok ? "🚀" : "😕"} ${codeSpan(command.text)}\n\n${answer.text}`;
      })
      .join("\n\n---\n\n");
  }
  const reaction: ReactionContent = ok ? "rocket" : "confused";
  const reply: Action[] = [
    {
      kind: "comment",
      key: `reply:${comment.id}`,
      issue: params.issueNumber,
      body,
      marker: { kind: "reply", fields: { comment: String(comment.id) } },
      since: comment.createdAt,
    },
  ];
  if (params.permitted === false) return reply;
  return [...reply, { kind: "addReaction", key: `${reaction}:${comment.id}`, commentId: comment.id, content: reaction }];
}

/**
 * Why a command may not run — not a verb, bad arguments, a stage not built
 * yet, or the author lacks the permission it needs — or undefined when it may.
 * Pure: flows call it before doing anything.
 */
export function refusal(params: {
  command: ParsedCommand;
  role: Role | undefined;
  required: Role;
  available?: ReadonlySet<Verb>;
}): Answer | undefined {
  const { command } = params;
  const available = params.available ?? AVAILABLE_VERBS;
  const availableVerbs = available as ReadonlySet<string>;
  if (command.verb === "unknown") {
    return { ok: false, text: renderHelp({ unknownWord: command.word, availableVerbs }) };
  }
  if (command.verb === "invalid") {
    const usage = findVerb(command.verbWord)?.usage;
    return { ok: false, text: `${command.problem}${usage ? `\n\nUsage: ${codeSpan(usage)}` : ""}` };
  }
  if (needsPermission(command) && !hasRole(params.role ?? "none", params.required)) {
    const why = changesState(command)
      ? `${codeSpan(command.verb)} changes the repository`
      : `this view of ${codeSpan("budget")} lists the members and their quotas`;
    const open = changesState(command) ? "" : ` Anyone may ask for ${codeSpan("--plan")}, ${codeSpan("--history")} or ${codeSpan("--forecast")}.`;
    return {
      ok: false,
      text:
        `Not done: ${why}, so it needs **${params.required}** permission; ` +
        `you have **${params.role ?? "none"}**. Ask a maintainer to run it.${open}`,
    };
  }
  if (!available.has(command.verb)) {
    return {
      ok: false,
      text: `${codeSpan(command.verb)} is not available yet in this version of Factory; nothing was done. Try ${codeSpan("/factory help")}.`,
    };
  }
  return undefined;
}

/** The answer to a command no flow ran: help, or a verb whose flow is not wired yet. */
function answerCommand(params: { command: ParsedCommand; available: ReadonlySet<Verb> }): Answer {
  if (params.command.verb === "help") return { ok: true, text: renderHelp({ availableVerbs: params.available as ReadonlySet<string> }) };
  return { ok: false, text: `${codeSpan(params.command.text)} did not run; nothing was done.` };
}
