import type { RestHandler } from "../rest-context.js";
import { renderGitCommit } from "../../render/render-git-commit.js";
import { SandboxError } from "../../sandbox-error.js";
import { renderGitRef } from "../../render/render-git-ref.js";
import { GITHUB_URLS } from "../../render/github-urls.js";

/** Git refs and objects (`/git/...`). */
export const gitHandlers: Record<string, RestHandler> = {
  "git/get-ref": (ctx) => {
    const repo = ctx.repo();
    const ref = `refs/${ctx.str("ref")}`;
    const sha = repo.refs.get(ref);
    if (!sha) throw new SandboxError({ status: 404, message: "Not Found" });
    return { status: 200, body: renderGitRef({ repo, ref, sha }) };
  },
  "git/list-matching-refs": (ctx) => {
    const repo = ctx.repo();
    const prefix = `refs/${ctx.str("ref")}`;
    const refs = [...repo.refs]
      .filter(([ref]) => ref.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([ref, sha]) => renderGitRef({ repo, ref, sha }));
    return ctx.paginate(refs);
  },
  "git/create-ref": (ctx) => {
    const repo = ctx.repo("write");
    const ref = String(ctx.body.ref);
    const sha = String(ctx.body.sha);
    ctx.store.ops.git.createRef({ actor: ctx.actor, repo, ref, sha });
    return { status: 201, body: renderGitRef({ repo, ref, sha }) };
  },
  "git/update-ref": (ctx) => {
    const repo = ctx.repo("write");
    const ref = `refs/${ctx.str("ref")}`;
    const sha = String(ctx.body.sha);
    ctx.store.ops.git.updateRef({ actor: ctx.actor, repo, ref, sha, force: ctx.body.force === true });
    return { status: 200, body: renderGitRef({ repo, ref, sha }) };
  },
  "git/delete-ref": (ctx) => {
    const repo = ctx.repo("write");
    ctx.store.ops.git.deleteRef({ actor: ctx.actor, repo, ref: `refs/${ctx.str("ref")}` });
    return { status: 204 };
  },
  "git/get-commit": (ctx) => {
    const repo = ctx.repo();
    const commit = ctx.store.commits.get(ctx.str("commit_sha"));
    if (!commit) throw new SandboxError({ status: 404, message: "Not Found" });
    return { status: 200, body: renderGitCommit(repo, commit) };

  },
  "git/get-blob": (ctx) => {
    const repo = ctx.repo();
    const blob = ctx.store.blobs.get(ctx.str("file_sha"));
    if (!blob) throw new SandboxError({ status: 404, message: "Not Found" });
    return {
      status: 200,
      body: {
        sha: blob.sha,
        node_id: `B_${Buffer.from(`sandbox:${blob.sha}`).toString("base64url")}`,
        size: blob.content.length,
        url: `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}/git/blobs/${blob.sha}`,
        content: blob.content.toString("base64"),
        encoding: "base64",
      },
    };
  },
  "git/get-tree": (ctx) => {
    const repo = ctx.repo();
    const wanted = ctx.str("tree_sha");
    const commit = [...ctx.store.commits.values()].find((c) => c.treeSha === wanted || c.sha === wanted) ??
      ctx.store.commits.get(repo.refs.get(`refs/heads/${wanted}`) ?? "");
    if (!commit) throw new SandboxError({ status: 404, message: "Not Found" });
    const api = `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}`;
    const entries = [...commit.tree]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, sha]) => ({
        path,
        mode: "100644",
        type: "blob",
        sha,
        size: ctx.store.blobs.get(sha)?.content.length ?? 0,
        url: `${api}/git/blobs/${sha}`,
      }));
    return { status: 200, body: { sha: commit.treeSha, url: `${api}/git/trees/${commit.treeSha}`, tree: entries, truncated: false } };
  },
};
