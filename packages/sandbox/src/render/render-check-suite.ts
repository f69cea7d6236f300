import type { Store } from "../store.js";
import type { CheckSuite, Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderCheckApp } from "./render-check-app.js";
import { renderPullMinimal } from "./render-pull-minimal.js";
import { renderRepo } from "./render-repo.js";
import { iso } from "./iso.js";

/** Renders a check suite as GitHub's `check-suite`. */
export function renderCheckSuite(params: { store: Store; repo: Repo; suite: CheckSuite }): Record<string, unknown> {
  const { store, repo, suite } = params;
  const api = `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}`;
  const commit = store.commits.get(suite.headSha);
  const runs = [...repo.checkRuns.values()].filter((r) => r.suiteId === suite.id);
  const pulls = [...repo.pulls.values()].filter((p) => p.head.sha === suite.headSha && !p.merged);
  return {
    id: suite.id,
    node_id: suite.nodeId,
    head_branch: suite.headBranch,
    head_sha: suite.headSha,
    status: suite.status,
    conclusion: suite.conclusion,
    url: `${api}/check-suites/${suite.id}`,
    before: commit?.parents[0] ?? null,
    after: suite.headSha,
    pull_requests: pulls.map((pull) => renderPullMinimal({ store, pull })),
    app: renderCheckApp(suite.app),
    repository: renderRepo(repo),
    created_at: iso(suite.createdAt),
    updated_at: iso(suite.updatedAt),
    head_commit: commit
      ? {
          id: commit.sha,
          tree_id: commit.treeSha,
          message: commit.message,
          timestamp: iso(commit.committer.date),
          author: { name: commit.author.name, email: commit.author.email },
          committer: { name: commit.committer.name, email: commit.committer.email },
        }
      : null,
    latest_check_runs_count: runs.length,
    check_runs_url: `${api}/check-suites/${suite.id}/check-runs`,
    rerequestable: true,
    runs_rerequestable: true,
  };
}
