import type { RestContext, RestHandler } from "../rest-context.js";
import type { PullRequest, Repo } from "../../store-types.js";
import type { ReviewEvent } from "../../mutations/review-mutations.js";
import { renderPull } from "../../render/render-pull.js";
import { renderReview } from "../../render/render-review.js";
import { renderReviewComment } from "../../render/render-review-comment.js";
import { renderCommitSummary } from "../../render/render-commit-summary.js";
import { compareCommits } from "../../git/compare-commits.js";
import { commitAncestry } from "../../git/commit-ancestry.js";
import { GITHUB_URLS } from "../../render/github-urls.js";
import { renderDiffEntry } from "../../render/render-diff-entry.js";

function render(ctx: RestContext, repo: Repo, pull: PullRequest): Record<string, unknown> {
  return renderPull({ store: ctx.store, repo, pull });
}

/** Pull requests, merging, and reviews. */
export const pullHandlers: Record<string, RestHandler> = {
  "pulls/create": (ctx) => {
    const repo = ctx.repo("write");
    const body = ctx.body;
    const pull = ctx.store.ops.pulls.create({
      actor: ctx.actor,
      repo,
      head: String(body.head),
      base: String(body.base),
      title: String(body.title ?? ""),
      body: (body.body as string | undefined) ?? null,
      draft: body.draft === true,
      maintainerCanModify: body.maintainer_can_modify as boolean | undefined,
    });
    return { status: 201, body: render(ctx, repo, pull) };
  },
  "pulls/get": (ctx) => {
    const repo = ctx.repo();
    return { status: 200, body: render(ctx, repo, ctx.store.requirePull(repo, ctx.int("pull_number"))) };
  },
  "pulls/list": (ctx) => {
    const repo = ctx.repo();
    const state = ctx.optStr("state") ?? "open";
    const head = ctx.optStr("head");
    const base = ctx.optStr("base");
    const direction = ctx.optStr("direction") ?? (ctx.optStr("sort") === "popularity" ? "desc" : "desc");
    const list = [...repo.pulls.values()].filter((pull) => {
      const issue = ctx.store.requireIssue(repo, pull.number);
      const headLabel = `${ctx.store.repoById(pull.head.repoId).owner.login}:${pull.head.ref}`;
      return (
        (state === "all" || issue.state === state) &&
        (head === undefined || head === headLabel || head === pull.head.ref) &&
        (base === undefined || base === pull.base.ref)
      );
    });
    list.sort((a, b) => (direction === "asc" ? a.number - b.number : b.number - a.number));
    return ctx.paginate(list.map((pull) => render(ctx, repo, pull)));
  },
  "pulls/update": (ctx) => {
    const repo = ctx.repo("write");
    const body = ctx.body;
    const pull = ctx.store.ops.pulls.update({
      actor: ctx.actor,
      repo,
      number: ctx.int("pull_number"),
      title: body.title as string | undefined,
      body: body.body as string | undefined,
      state: body.state as "open" | "closed" | undefined,
      base: body.base as string | undefined,
      maintainerCanModify: body.maintainer_can_modify as boolean | undefined,
    });
    return { status: 200, body: render(ctx, repo, pull) };
  },
  "pulls/merge": (ctx) => {
    const repo = ctx.repo("write");
    const body = ctx.body;
    const result = ctx.store.ops.merges.merge({
      actor: ctx.actor,
      repo,
      number: ctx.int("pull_number"),
      mergeMethod: body.merge_method as "merge" | "squash" | "rebase" | undefined,
      sha: body.sha as string | undefined,
      commitTitle: body.commit_title as string | undefined,
      commitMessage: body.commit_message as string | undefined,
    });
    return { status: 200, body: result };
  },
  "pulls/update-branch": (ctx) => {
    const repo = ctx.repo("write");
    const number = ctx.int("pull_number");
    ctx.store.ops.merges.updateBranch({ actor: ctx.actor, repo, number, expectedHeadSha: ctx.body.expected_head_sha as string | undefined });
    return {
      status: 202,
      body: { message: "Updating pull request branch.", url: `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/pull/${number}` },
    };
  },
  "pulls/list-commits": (ctx) => {
    const repo = ctx.repo();
    const pull = ctx.store.requirePull(repo, ctx.int("pull_number"));
    const inBase = commitAncestry({ store: ctx.store, sha: pull.base.sha });
    const shas = [...commitAncestry({ store: ctx.store, sha: pull.head.sha })].filter((sha) => !inBase.has(sha)).reverse();
    return ctx.paginate(shas.map((sha) => ctx.store.commits.get(sha)).filter((c) => c !== undefined).map((commit) => renderCommitSummary({ repo, commit })));
  },
  "pulls/list-files": (ctx) => {
    const repo = ctx.repo();
    const pull = ctx.store.requirePull(repo, ctx.int("pull_number"));
    const { headChanges } = compareCommits({ store: ctx.store, base: pull.base.sha, head: pull.head.sha });
    const baseTree = ctx.store.commits.get(pull.base.sha)?.tree;
    const files = [...headChanges].map(([path, sha]) =>
      sha === null
        ? renderDiffEntry({ repo, path, blob: "0000000000000000000000000000000000000000", status: "removed", at: pull.base.sha })
        : renderDiffEntry({ repo, path, blob: sha, status: baseTree?.has(path) ? "modified" : "added", at: pull.head.sha }),
    );
    return ctx.paginate(files);
  },
  "pulls/list-reviews": (ctx) => {
    const repo = ctx.repo();
    const pull = ctx.store.requirePull(repo, ctx.int("pull_number"));
    return ctx.paginate(pull.reviews.map((review) => renderReview({ store: ctx.store, repo, pull, review })));
  },
  "pulls/create-review": (ctx) => {
    const repo = ctx.repo("read");
    const body = ctx.body;
    const number = ctx.int("pull_number");
    const comments = (body.comments as { path: string; line?: number; position?: number; body: string }[] | undefined) ?? [];
    const review = ctx.store.ops.reviews.create({
      actor: ctx.actor,
      repo,
      number,
      event: body.event as ReviewEvent | undefined,
      body: body.body as string | undefined,
      commitId: body.commit_id as string | undefined,
      comments: comments.map((c) => ({ path: c.path, line: c.line ?? c.position, body: c.body })),
    });
    return { status: 200, body: renderReview({ store: ctx.store, repo, pull: ctx.store.requirePull(repo, number), review }) };
  },
  "pulls/list-review-comments": (ctx) => {
    const repo = ctx.repo();
    const pull = ctx.store.requirePull(repo, ctx.int("pull_number"));
    const comments = pull.threads.flatMap((t) => t.comments);
    return ctx.paginate(comments.map((comment) => renderReviewComment({ store: ctx.store, repo, pull, comment })));
  },
  "pulls/request-reviewers": (ctx) => {
    const repo = ctx.repo("triage");
    const pull = ctx.store.ops.pulls.requestReviewers({
      actor: ctx.actor,
      repo,
      number: ctx.int("pull_number"),
      logins: (ctx.body.reviewers as string[] | undefined) ?? [],
    });
    return { status: 201, body: render(ctx, repo, pull) };
  },
};
