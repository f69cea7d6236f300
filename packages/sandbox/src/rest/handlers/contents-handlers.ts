import type { RestContext, RestHandler } from "../rest-context.js";
import { SandboxError } from "../../sandbox-error.js";
import { renderContent } from "../../render/render-content.js";
import { renderGitCommit } from "../../render/render-git-commit.js";
import { gitSha } from "../../git/git-sha.js";
import { resolveRef } from "../../git/resolve-ref.js";

function wantsRaw(ctx: RestContext): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(ctx.init.headers.accept ?? "");
}


function decodeBase64(value: unknown): Buffer {
  const text = String(value ?? "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new SandboxError({ status: 422, message: "Invalid request.\n\ncontent is not valid Base64" });
  }
  return Buffer.from(text, "base64");
}

/** The contents API: read (JSON or raw), create/update with the blob sha as compare-and-swap, delete. */
export const contentsHandlers: Record<string, RestHandler> = {
  "repos/get-content": (ctx) => {
    const repo = ctx.repo();
    const ref = ctx.optStr("ref") ?? repo.defaultBranch;
    const commit = resolveRef({ store: ctx.store, repo, ref });
    if (!commit) throw new SandboxError({ status: 404, message: `No commit found for the ref ${ref}` });
    const path = ctx.str("path").replace(/^\/+|\/+$/g, "");
    const blobSha = commit.tree.get(path);
    if (blobSha !== undefined) {
      const content = ctx.store.blobs.get(blobSha)?.content ?? Buffer.alloc(0);
      if (wantsRaw(ctx)) return { status: 200, body: content, raw: { contentType: "text/plain; charset=utf-8" } };
      return { status: 200, body: renderContent({ repo, path, ref, sha: blobSha, type: "file", content }) };
    }
    const prefix = path === "" ? "" : `${path}/`;
    const children = new Map<string, { type: "file" | "dir"; entries: Map<string, string> }>();
    for (const [file, sha] of commit.tree) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const name = rest.split("/")[0] as string;
      const child = children.get(name) ?? { type: rest.includes("/") ? "dir" : "file", entries: new Map() };
      child.entries.set(rest, sha);
      children.set(name, child);
    }
    if (children.size === 0) throw new SandboxError({ status: 404, message: "Not Found" });
    const listing = [...children]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, child]) =>
        renderContent({
          repo,
          path: `${prefix}${name}`,
          ref,
          sha: child.type === "file" ? (child.entries.get(name) as string) : gitSha.tree(child.entries),
          type: child.type,
        }),
      );
    return { status: 200, body: listing };
  },
  "repos/create-or-update-file-contents": (ctx) => {
    const repo = ctx.repo("write");
    const path = ctx.str("path").replace(/^\/+/, "");
    const body = ctx.body;
    const result = ctx.store.ops.git.putFile({
      actor: ctx.actor,
      repo,
      path,
      content: decodeBase64(body.content),
      message: String(body.message),
      sha: body.sha === undefined ? undefined : String(body.sha),
      branch: body.branch === undefined ? undefined : String(body.branch),
    });
    const branch = (body.branch as string | undefined) ?? repo.defaultBranch;
    const content = ctx.store.blobs.get(result.blobSha)?.content ?? Buffer.alloc(0);
    const rendered = renderContent({ repo, path, ref: branch, sha: result.blobSha, type: "file" });
    rendered.size = content.length;
    return { status: result.created ? 201 : 200, body: { content: rendered, commit: renderGitCommit(repo, result.commit) } };
  },
  "repos/delete-file": (ctx) => {
    const repo = ctx.repo("write");
    const body = ctx.body;
    const commit = ctx.store.ops.git.deleteFile({
      actor: ctx.actor,
      repo,
      path: ctx.str("path").replace(/^\/+/, ""),
      message: String(body.message),
      sha: String(body.sha),
      branch: body.branch === undefined ? undefined : String(body.branch),
    });
    return { status: 200, body: { content: null, commit: renderGitCommit(repo, commit) } };
  },
};
