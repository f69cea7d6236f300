import type { Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";

/**
 * Renders a file or directory entry as GitHub's contents API does. Files
 * carry their base64 `content` (wrapped at 60 characters, like GitHub) when
 * `content` is given.
 */
export function renderContent(params: {
  repo: Repo;
  path: string;
  ref: string;
  sha: string;
  type: "file" | "dir";
  content?: Buffer;
}): Record<string, unknown> {
  const { repo, path, ref, sha, type, content } = params;
  const fullName = `${repo.owner.login}/${repo.name}`;
  const api = `${GITHUB_URLS.api}/repos/${fullName}`;
  const url = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const html = `${GITHUB_URLS.html}/${fullName}/${type === "file" ? "blob" : "tree"}/${ref}/${path}`;
  const gitUrl = `${api}/git/${type === "file" ? "blobs" : "trees"}/${sha}`;
  const rendered: Record<string, unknown> = {
    type,
    name: path.split("/").pop() ?? path,
    path,
    sha,
    size: type === "file" ? (content?.length ?? 0) : 0,
    url,
    html_url: html,
    git_url: gitUrl,
    download_url: type === "file" ? `https://raw.githubusercontent.com/${fullName}/${ref}/${path}` : null,
    _links: { self: url, git: gitUrl, html },
  };
  if (content) {
    rendered.content = (content.toString("base64").match(/.{1,60}/g) ?? []).join("\n") + "\n";
    rendered.encoding = "base64";
  }
  return rendered;
}
