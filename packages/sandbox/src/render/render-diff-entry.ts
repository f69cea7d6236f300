import type { Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";

/**
 * Renders one changed file as GitHub's `diff-entry` (a commit's or a
 * comparison's `files`), linked at commit `at` — for a removed file, a commit
 * where it still exists. The sandbox keeps no line counts: they are 0.
 */
export function renderDiffEntry(params: { repo: Repo; path: string; blob: string; status: "added" | "removed" | "modified"; at: string }): Record<string, unknown> {
  const { repo, path, at } = params;
  const fullName = `${repo.owner.login}/${repo.name}`;
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return {
    sha: params.blob,
    filename: path,
    status: params.status,
    additions: 0,
    deletions: 0,
    changes: 0,
    blob_url: `${GITHUB_URLS.html}/${fullName}/blob/${at}/${encoded}`,
    raw_url: `${GITHUB_URLS.html}/${fullName}/raw/${at}/${encoded}`,
    contents_url: `${GITHUB_URLS.api}/repos/${fullName}/contents/${encoded}?ref=${at}`,
  };
}
