import type { RestContext, RestHandler } from "../rest-context.js";
import type { Issue } from "../../store-types.js";
import { renderIssue } from "../../render/render-issue.js";
import { GITHUB_URLS } from "../../render/github-urls.js";

/** Renders issues from any repository, leaving out those the caller cannot read (GitHub hides them). */
function visible(ctx: RestContext, issues: Issue[]): Record<string, unknown>[] {
  return issues.flatMap((issue) => {
    const repo = ctx.store.repoById(issue.repoId);
    return ctx.canRead(repo) ? [renderIssue({ store: ctx.store, repo, issue })] : [];
  });
}

/**
 * Issue dependencies ("blocked by" / "blocking"). Like sub-issues, the body
 * names the blocking issue by its numeric id, not its number; writes need
 * triage access, as GitHub documents:
 * https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/creating-issue-dependencies
 */
export const issueDependencyHandlers: Record<string, RestHandler> = {
  "issues/add-blocked-by-dependency": (ctx) => {
    const repo = ctx.repo("triage");
    const number = ctx.int("issue_number");
    const blocking = ctx.store.ops.dependencies.add({
      actor: ctx.actor,
      repo,
      number,
      blockingId: Number(ctx.body.issue_id),
      canRead: (r) => ctx.canRead(r),
    });
    const blockingRepo = ctx.store.repoById(blocking.repoId);
    const location = `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}/issues/${number}/dependencies/blocked_by`;
    return { status: 201, body: renderIssue({ store: ctx.store, repo: blockingRepo, issue: blocking }), headers: { location } };
  },
  "issues/remove-dependency-blocked-by": (ctx) => {
    const repo = ctx.repo("triage");
    const blocking = ctx.store.ops.dependencies.remove({ actor: ctx.actor, repo, number: ctx.int("issue_number"), blockingId: ctx.int("issue_id") });
    return { status: 200, body: renderIssue({ store: ctx.store, repo: ctx.store.repoById(blocking.repoId), issue: blocking }) };
  },
  "issues/list-dependencies-blocked-by": (ctx) => {
    const issue = ctx.store.requireIssue(ctx.repo(), ctx.int("issue_number"));
    return ctx.paginate(visible(ctx, ctx.store.ops.dependencies.blockedByOf(issue)));
  },
  "issues/list-dependencies-blocking": (ctx) => {
    const issue = ctx.store.requireIssue(ctx.repo(), ctx.int("issue_number"));
    return ctx.paginate(visible(ctx, ctx.store.ops.dependencies.blockingOf(issue)));
  },
};
