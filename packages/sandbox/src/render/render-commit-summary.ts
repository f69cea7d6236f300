import type { Commit, Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderUser } from "./render-user.js";
import { iso } from "./iso.js";

/** A commit as listed by `GET /pulls/{n}/commits` (no files). */
export function renderCommitSummary(params: { repo: Repo; commit: Commit }): Record<string, unknown> {
  const { repo, commit } = params;
  const fullName = `${repo.owner.login}/${repo.name}`;
  const api = `${GITHUB_URLS.api}/repos/${fullName}`;
  const person = (s: Commit["author"]): Record<string, unknown> => ({ name: s.name, email: s.email, date: iso(s.date) });
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: commit.nodeId,
    html_url: `${GITHUB_URLS.html}/${fullName}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: person(commit.author),
      committer: person(commit.committer),
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.treeSha, url: `${api}/git/trees/${commit.treeSha}` },
      verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
    },
    author: commit.authorAccount ? renderUser(commit.authorAccount) : null,
    committer: commit.authorAccount ? renderUser(commit.authorAccount) : null,
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${GITHUB_URLS.html}/${fullName}/commit/${sha}` })),
  };
}
