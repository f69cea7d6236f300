import type { RestContext, RestHandler } from "../rest-context.js";
import type { ReactionContent } from "../../store-types.js";
import type { ReactionTarget } from "../../mutations/reaction-mutations.js";
import { renderReaction } from "../../render/render-reaction.js";

function list(ctx: RestContext, target: ReactionTarget) {
  const repo = ctx.repo();
  const content = ctx.optStr("content");
  const reactions = ctx.store.ops.reactions.listOf(repo, target).filter((r) => content === undefined || r.content === content);
  return ctx.paginate(reactions.map(renderReaction));
}

function create(ctx: RestContext, target: ReactionTarget) {
  const repo = ctx.repo("read");
  const { reaction, created } = ctx.store.ops.reactions.add({
    actor: ctx.actor,
    repo,
    target,
    content: ctx.body.content as ReactionContent,
  });
  // GitHub answers 201 for a new reaction and 200 when the same one exists.
  return { status: created ? 201 : 200, body: renderReaction(reaction) };
}

function remove(ctx: RestContext, target: ReactionTarget) {
  const repo = ctx.repo("read");
  ctx.store.ops.reactions.remove({ repo, target, reactionId: ctx.int("reaction_id") });
  return { status: 204 };
}

const onIssue = (ctx: RestContext): ReactionTarget => ({ kind: "issue", number: ctx.int("issue_number") });
const onComment = (ctx: RestContext): ReactionTarget => ({ kind: "comment", commentId: ctx.int("comment_id") });

/** Reactions on issues, PRs and issue comments. */
export const reactionHandlers: Record<string, RestHandler> = {
  "reactions/list-for-issue": (ctx) => list(ctx, onIssue(ctx)),
  "reactions/create-for-issue": (ctx) => create(ctx, onIssue(ctx)),
  "reactions/delete-for-issue": (ctx) => remove(ctx, onIssue(ctx)),
  "reactions/list-for-issue-comment": (ctx) => list(ctx, onComment(ctx)),
  "reactions/create-for-issue-comment": (ctx) => create(ctx, onComment(ctx)),
  "reactions/delete-for-issue-comment": (ctx) => remove(ctx, onComment(ctx)),
};
