import type { RestContext, RestHandler } from "../rest-context.js";
import type { CommitStatusState, Repo } from "../../store-types.js";
import { SandboxError } from "../../sandbox-error.js";
import { renderStatus } from "../../render/render-status.js";
import { renderRepo } from "../../render/render-repo.js";
import { GITHUB_URLS } from "../../render/github-urls.js";
import { resolveRef } from "../../git/resolve-ref.js";
import { combinedStatusState, latestStatuses, statusesOf } from "../../mutations/commit-ci-state.js";

/**
 * An installation acts within its permissions: commit statuses need the
 * "Commit statuses" permission, `read` to list them and `write` to post one
 * (https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps#repository-permissions-for-commit-statuses).
 * Users are held to their repository access by `ctx.repo`.
 */
function requireStatusesPermission(ctx: RestContext, level: "read" | "write"): void {
  const identity = ctx.identity;
  if (identity.kind !== "installation") return;
  const granted = identity.installation.permissions.statuses;
  if (granted === undefined || (level === "write" && granted === "read")) {
    throw new SandboxError({ status: 403, message: "Resource not accessible by integration" });
  }
}

/** The commit `{ref}` names, or `status` with GitHub's "No commit found" message. */
function commitOf(ctx: RestContext, repo: Repo, status: number): string {
  const commit = resolveRef({ store: ctx.store, repo, ref: ctx.str("ref") });
  if (!commit) throw new SandboxError({ status, message: `No commit found for SHA: ${ctx.str("ref")}` });
  return commit.sha;
}

/** Commit statuses (https://docs.github.com/en/rest/commits/statuses). */
export const statusHandlers: Record<string, RestHandler> = {
  // Users need push access; an installation needs `statuses: write`.
  "repos/create-commit-status": (ctx) => {
    const repo = ctx.repo("write");
    requireStatusesPermission(ctx, "write");
    const status = ctx.store.ops.statuses.create({
      actor: ctx.actor,
      repo,
      sha: ctx.str("sha"),
      state: ctx.body.state as CommitStatusState,
      context: ctx.body.context as string | undefined,
      description: ctx.body.description as string | null | undefined,
      targetUrl: ctx.body.target_url as string | null | undefined,
    });
    const body = renderStatus({ repo, status });
    return { status: 201, body, headers: { location: String(body.url) } };
  },
  // "Statuses are returned in reverse chronological order. The first status in the list will be the latest one."
  "repos/list-commit-statuses-for-ref": (ctx) => {
    const repo = ctx.repo();
    requireStatusesPermission(ctx, "read");
    const sha = commitOf(ctx, repo, 422);
    return ctx.paginate(statusesOf(repo, sha).map((status) => renderStatus({ repo, status })));
  },
  // The latest status per context and their combined state; `per_page`/`page` page the statuses.
  "repos/get-combined-status-for-ref": (ctx) => {
    const repo = ctx.repo();
    requireStatusesPermission(ctx, "read");
    const sha = commitOf(ctx, repo, 404);
    const latest = latestStatuses(repo, sha);
    const page = ctx.paginate(latest.map((status) => renderStatus({ repo, status, simple: true })));
    const api = `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}`;
    return {
      ...page,
      body: {
        state: combinedStatusState(latest),
        statuses: page.body,
        sha,
        total_count: latest.length,
        repository: renderRepo(repo),
        commit_url: `${api}/commits/${sha}`,
        url: `${api}/commits/${sha}/status`,
      },
    };
  },
};
