import type { RestHandler } from "../rest-context.js";
import type { Permission } from "../../store-types.js";
import { SandboxError } from "../../sandbox-error.js";
import { renderRepo } from "../../render/render-repo.js";
import { renderUser } from "../../render/render-user.js";
import { renderCommit } from "../../render/render-commit.js";
import { renderDiffEntry } from "../../render/render-diff-entry.js";
import { GITHUB_URLS } from "../../render/github-urls.js";
import { resolveRef } from "../../git/resolve-ref.js";
import { compareCommits } from "../../git/compare-commits.js";
import { renderBranchProtectionSummary } from "../../render/render-branch-protection.js";

/** `permission` as the collaborator endpoint reports it: maintain reads as write, triage as read. */
const LEGACY_PERMISSION: Record<Permission, string> = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
  none: "none",
};

function notFound(message = "Not Found"): SandboxError {
  return new SandboxError({ status: 404, message });
}

/** Repository, branch, commit and collaborator endpoints. */
export const repoHandlers: Record<string, RestHandler> = {
  "repos/get": (ctx) => {
    const repo = ctx.repo();
    const permission = ctx.identity.kind === "user" ? ctx.store.permission(repo, ctx.identity.account.login) : "write";
    const rank = ["none", "read", "triage", "write", "maintain", "admin"].indexOf(permission);
    return {
      status: 200,
      body: {
        ...renderRepo(repo),
        permissions: { admin: rank >= 5, maintain: rank >= 4, push: rank >= 3, triage: rank >= 2, pull: rank >= 1 },
        network_count: 0,
        subscribers_count: 0,
      },
    };
  },
  "repos/list-branches": (ctx) => {
    const repo = ctx.repo();
    const api = `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}`;
    const only = ctx.optStr("protected");
    const branches = [...repo.refs]
      .filter(([ref]) => ref.startsWith("refs/heads/"))
      .map(([ref, sha]) => {
        const name = ref.slice("refs/heads/".length);
        return { name, commit: { sha, url: `${api}/commits/${sha}` }, protected: repo.protections.has(name) };
      })
      .filter((branch) => only === undefined || String(branch.protected) === only)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return ctx.paginate(branches);
  },
  "repos/get-branch": (ctx) => {
    const repo = ctx.repo();
    const name = ctx.str("branch");
    const sha = repo.refs.get(`refs/heads/${name}`);
    if (!sha) throw notFound("Branch not found");
    const commit = ctx.store.commits.get(sha);
    if (!commit) throw notFound("Branch not found");
    const api = `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}`;
    return {
      status: 200,
      body: {
        name,
        commit: renderCommit({ store: ctx.store, repo, commit }),
        _links: { self: `${api}/branches/${name}`, html: `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/tree/${name}` },
        ...renderBranchProtectionSummary(repo.protections.get(name)),
        protection_url: `${api}/branches/${name}/protection`,
      },
    };
  },
  "repos/get-commit": (ctx) => {
    const repo = ctx.repo();
    const commit = resolveRef({ store: ctx.store, repo, ref: ctx.str("ref") });
    if (!commit) throw new SandboxError({ status: 422, message: `No commit found for SHA: ${ctx.str("ref")}` });
    return { status: 200, body: renderCommit({ store: ctx.store, repo, commit }) };
  },
  "repos/compare-commits": (ctx) => {
    const repo = ctx.repo();
    // GitHub's description has the route twice: `{base}...{head}` and `{basehead}`.
    const [baseRef, headRef] = ctx.optStr("basehead")?.split("...") ?? [ctx.str("base"), ctx.str("head")];
    const base = resolveRef({ store: ctx.store, repo, ref: baseRef ?? "" });
    const head = resolveRef({ store: ctx.store, repo, ref: headRef ?? "" });
    if (!base || !head) throw notFound();
    const c = compareCommits({ store: ctx.store, base: base.sha, head: head.sha });
    const status = c.aheadBy > 0 && c.behindBy > 0 ? "diverged" : c.aheadBy > 0 ? "ahead" : c.behindBy > 0 ? "behind" : "identical";
    const mergeBase = c.mergeBase ? ctx.store.commits.get(c.mergeBase) : undefined;
    const render = (commit: typeof base) => renderCommit({ store: ctx.store, repo, commit });
    return {
      status: 200,
      body: {
        url: `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}/compare/${baseRef}...${headRef}`,
        html_url: `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/compare/${baseRef}...${headRef}`,
        permalink_url: `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/compare/${base.sha}...${head.sha}`,
        diff_url: `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/compare/${baseRef}...${headRef}.diff`,
        patch_url: `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/compare/${baseRef}...${headRef}.patch`,
        base_commit: render(base),
        merge_base_commit: mergeBase ? render(mergeBase) : render(base),
        status,
        ahead_by: c.aheadBy,
        behind_by: c.behindBy,
        total_commits: c.aheadBy,
        commits: [],
        files: [...c.headChanges].map(([path, sha]) =>
          sha === null
            ? renderDiffEntry({ repo, path, blob: "0000000000000000000000000000000000000000", status: "removed", at: (mergeBase ?? base).sha })
            : renderDiffEntry({ repo, path, blob: sha, status: mergeBase?.tree.has(path) ? "modified" : "added", at: head.sha }),
        ),
      },
    };
  },
  "repos/get-collaborator-permission-level": (ctx) => {
    const repo = ctx.repo();
    const user = ctx.store.account(ctx.str("username"));
    if (!user) throw notFound(`${ctx.str("username")} is not a user`);
    const level = ctx.store.permission(repo, user.login);
    const rank = ["none", "read", "triage", "write", "maintain", "admin"].indexOf(level);
    return {
      status: 200,
      body: {
        permission: LEGACY_PERMISSION[level],
        role_name: level,
        user: {
          ...renderUser(user),
          permissions: { admin: rank >= 5, maintain: rank >= 4, push: rank >= 3, triage: rank >= 2, pull: rank >= 1 },
          role_name: level,
        },
      },
    };
  },
  "users/get-by-username": (ctx) => {
    const user = ctx.store.account(ctx.str("username"));
    if (!user) throw notFound();
    return { status: 200, body: publicUser(user) };
  },
  "users/get-authenticated": (ctx) => {
    const identity = ctx.identity;
    if (identity.kind !== "user") throw new SandboxError({ status: 403, message: "Resource not accessible by integration" });
    return { status: 200, body: publicUser(identity.account) };
  },
};

function publicUser(user: Parameters<typeof renderUser>[0]): Record<string, unknown> {
  const when = user.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    ...renderUser(user),
    name: user.name,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: when,
    updated_at: when,
  };
}
