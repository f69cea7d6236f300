import type { Commit, Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { iso } from "./iso.js";

/** A commit as the Git database API shows it (`GET /git/commits/{sha}`, and a contents write's `commit`). */
export function renderGitCommit(repo: Repo, commit: Commit): Record<string, unknown> {
  const api = `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}`;
  const html = `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/commit`;
  const person = (s: Commit["author"]): Record<string, unknown> => ({ name: s.name, email: s.email, date: iso(s.date) });
  return {
    sha: commit.sha,
    node_id: commit.nodeId,
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${html}/${commit.sha}`,
    author: person(commit.author),
    committer: person(commit.committer),
    message: commit.message,
    tree: { sha: commit.treeSha, url: `${api}/git/trees/${commit.treeSha}` },
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/git/commits/${sha}`, html_url: `${html}/${sha}` })),
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}
