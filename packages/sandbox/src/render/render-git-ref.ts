import type { Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";

/** Renders a ref as GitHub's `git-ref`. */
export function renderGitRef(params: { repo: Repo; ref: string; sha: string }): Record<string, unknown> {
  const { repo, ref, sha } = params;
  const api = `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}`;
  return {
    ref,
    node_id: `REF_${Buffer.from(`sandbox:${repo.id}:${ref}`).toString("base64url")}`,
    url: `${api}/git/${ref}`,
    object: { type: "commit", sha, url: `${api}/git/commits/${sha}` },
  };
}
