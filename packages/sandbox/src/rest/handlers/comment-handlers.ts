import type { RestContext, RestHandler } from "../rest-context.js";
import type { IssueComment, Repo } from "../../store-types.js";
import { SandboxError } from "../../sandbox-error.js";
import { renderComment } from "../../render/render-comment.js";

function render(ctx: RestContext, repo: Repo, comment: IssueComment): Record<string, unknown> {
  return renderComment({ store: ctx.store, repo, comment });
}

/** Only the author or someone with triage access may change a comment. */
function mayChange(ctx: RestContext, repo: Repo, comment: IssueComment): void {
  const actor = ctx.actor;
  if (ctx.identity.kind !== "user" || comment.author.id === actor.id) return;
  if (!["admin", "maintain", "write", "triage"].includes(ctx.store.permission(repo, actor.login))) {
    throw new SandboxError({ status: 403, message: "Must have push access to repository" });
  }
}

function since(ctx: RestContext): (c: IssueComment) => boolean {
  const value = ctx.optStr("since");
  return (c) => value === undefined || c.updatedAt.getTime() >= new Date(value).getTime();
}

/** Issue and PR conversation comments. */
export const commentHandlers: Record<string, RestHandler> = {
  "issues/list-comments": (ctx) => {
    const repo = ctx.repo();
    const number = ctx.int("issue_number");
    ctx.store.requireIssue(repo, number);
    return ctx.paginate(ctx.store.commentsOf(repo, number).filter(since(ctx)).map((c) => render(ctx, repo, c)));
  },
  "issues/list-comments-for-repo": (ctx) => {
    const repo = ctx.repo();
    const desc = ctx.optStr("direction") === "desc";
    const list = [...repo.comments.values()].filter(since(ctx));
    if (desc) list.reverse();
    return ctx.paginate(list.map((c) => render(ctx, repo, c)));
  },
  "issues/create-comment": (ctx) => {
    const repo = ctx.repo("read");
    const comment = ctx.store.ops.comments.create({ actor: ctx.actor, repo, number: ctx.int("issue_number"), body: String(ctx.body.body) });
    return { status: 201, body: render(ctx, repo, comment) };
  },
  "issues/get-comment": (ctx) => {
    const repo = ctx.repo();
    return { status: 200, body: render(ctx, repo, ctx.store.requireComment(repo, ctx.int("comment_id"))) };
  },
  "issues/update-comment": (ctx) => {
    const repo = ctx.repo("read");
    mayChange(ctx, repo, ctx.store.requireComment(repo, ctx.int("comment_id")));
    const comment = ctx.store.ops.comments.update({ actor: ctx.actor, repo, commentId: ctx.int("comment_id"), body: String(ctx.body.body) });
    return { status: 200, body: render(ctx, repo, comment) };
  },
  "issues/delete-comment": (ctx) => {
    const repo = ctx.repo("read");
    mayChange(ctx, repo, ctx.store.requireComment(repo, ctx.int("comment_id")));
    ctx.store.ops.comments.delete({ actor: ctx.actor, repo, commentId: ctx.int("comment_id") });
    return { status: 204 };
  },
};
