import type { RestHandler } from "../rest-context.js";
import { SandboxError } from "../../sandbox-error.js";
import { renderIssue } from "../../render/render-issue.js";

/** Sub-issues: the REST body names the child by its numeric id, not its number. */
export const subIssueHandlers: Record<string, RestHandler> = {
  "issues/add-sub-issue": (ctx) => {
    const repo = ctx.repo("triage");
    const parent = ctx.store.addSubIssue({
      actor: ctx.actor,
      repo,
      parentNumber: ctx.int("issue_number"),
      childId: Number(ctx.body.sub_issue_id),
      replaceParent: ctx.body.replace_parent === true,
    });
    return { status: 201, body: renderIssue({ store: ctx.store, repo, issue: parent }) };
  },
  "issues/remove-sub-issue": (ctx) => {
    const repo = ctx.repo("triage");
    const childId = Number(ctx.body.sub_issue_id);
    ctx.store.removeSubIssue({ actor: ctx.actor, repo, parentNumber: ctx.int("issue_number"), childId });
    const child = ctx.store.issuesById.get(childId);
    if (!child) throw new SandboxError({ status: 404, message: "Not Found" });
    return { status: 200, body: renderIssue({ store: ctx.store, repo: ctx.store.repoById(child.repoId), issue: child }) };
  },
  "issues/list-sub-issues": (ctx) => {
    const repo = ctx.repo();
    const parent = ctx.store.requireIssue(repo, ctx.int("issue_number"));
    const children = ctx.store.ops.subIssues.childrenOf(parent);
    return ctx.paginate(children.map((issue) => renderIssue({ store: ctx.store, repo: ctx.store.repoById(issue.repoId), issue })));
  },
  "issues/get-parent": (ctx) => {
    const repo = ctx.repo();
    const child = ctx.store.requireIssue(repo, ctx.int("issue_number"));
    const parent = child.parentId === null ? undefined : ctx.store.issuesById.get(child.parentId);
    if (!parent) throw new SandboxError({ status: 404, message: "Not Found" });
    return { status: 200, body: renderIssue({ store: ctx.store, repo: ctx.store.repoById(parent.repoId), issue: parent }) };
  },
};
