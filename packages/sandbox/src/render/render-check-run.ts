import type { Store } from "../store.js";
import type { CheckRun, Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderCheckApp } from "./render-check-app.js";
import { renderCheckSuite } from "./render-check-suite.js";
import { renderPullMinimal } from "./render-pull-minimal.js";
import { iso } from "./iso.js";

/**
 * Renders a check run as GitHub's `check-run`. REST embeds only the suite's
 * id; webhooks embed the whole suite (`fullSuite`).
 */
export function renderCheckRun(params: { store: Store; repo: Repo; run: CheckRun; fullSuite?: boolean }): Record<string, unknown> {
  const { store, repo, run } = params;
  const api = `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}`;
  const suite = repo.checkSuites.get(run.suiteId);
  const pulls = [...repo.pulls.values()].filter((p) => p.head.sha === run.headSha && !p.merged);
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: run.nodeId,
    external_id: run.externalId ?? "",
    url: `${api}/check-runs/${run.id}`,
    html_url: `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${GITHUB_URLS.html}/${repo.owner.login}/${repo.name}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: iso(run.startedAt),
    completed_at: iso(run.completedAt),
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: 0,
      annotations_url: `${api}/check-runs/${run.id}/annotations`,
    },
    name: run.name,
    check_suite: params.fullSuite && suite ? renderCheckSuite({ store, repo, suite }) : { id: run.suiteId },
    app: renderCheckApp(run.app),
    pull_requests: pulls.map((pull) => renderPullMinimal({ store, pull })),
  };
}
