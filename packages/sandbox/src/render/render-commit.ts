import type { Store } from "../store.js";
import type { Commit, Repo } from "../store-types.js";
import { renderCommitSummary } from "./render-commit-summary.js";
import { renderDiffEntry } from "./render-diff-entry.js";

/** Renders a commit as GitHub's REST `commit` (`GET /repos/{o}/{r}/commits/{ref}`), with its changed files. */
export function renderCommit(params: { store: Store; repo: Repo; commit: Commit }): Record<string, unknown> {
  const { store, repo, commit } = params;
  const parent = commit.parents[0] ? store.commits.get(commit.parents[0]) : undefined;
  const before = parent?.tree ?? new Map<string, string>();
  const files: Record<string, unknown>[] = [];
  for (const [path, blob] of commit.tree) {
    if (before.get(path) === blob) continue;
    files.push(renderDiffEntry({ repo, path, blob, status: before.has(path) ? "modified" : "added", at: commit.sha }));
  }
  for (const [path, blob] of before) {
    if (!commit.tree.has(path)) files.push(renderDiffEntry({ repo, path, blob, status: "removed", at: parent?.sha ?? commit.sha }));
  }
  return { ...renderCommitSummary({ repo, commit }), stats: { total: 0, additions: 0, deletions: 0 }, files };
}
