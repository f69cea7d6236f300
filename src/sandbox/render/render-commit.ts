import type { Store } from "../store.js";
import type { Commit, Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderUser } from "./render-user.js";
import { iso } from "./iso.js";

/** Renders a commit as GitHub's REST `commit` (`GET /repos/{o}/{r}/commits/{ref}`), with its changed files. */
export function renderCommit(params: { store: Store; repo: Repo; commit: Commit }): Record<string, unknown> {
  const { store, repo, commit } = params;
  const fullName = `${repo.owner.login}/${repo.name}`;
  const api = `${GITHUB_URLS.api}/repos/${fullName}`;
  const parent = commit.parents[0] ? store.commits.get(commit.parents[0]) : undefined;
  const before = parent?.tree ?? new Map<string, string>();
  const files: Record<string, unknown>[] = [];
  for (const [path, blob] of commit.tree) {
    if (before.get(path) === blob) continue;
    files.push({ sha: blob, filename: path, status: before.has(path) ? "modified" : "added", additions: 0, deletions: 0, changes: 0 });
  }
  for (const [path, blob] of before) {
    if (!commit.tree.has(path)) files.push({ sha: blob, filename: path, status: "removed", additions: 0, deletions: 0, changes: 0 });
  }
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
    stats: { total: 0, additions: 0, deletions: 0 },
    files,
  };
}
