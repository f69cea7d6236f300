import type { Store } from "../store.js";
import type { PullRequest } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";

/** GitHub's `pull-request-minimal`, as embedded in check runs and suites. */
export function renderPullMinimal(params: { store: Store; pull: PullRequest }): Record<string, unknown> {
  const { store, pull } = params;
  const side = (ref: PullRequest["head"]): Record<string, unknown> => {
    const repo = store.repoById(ref.repoId);
    return {
      ref: ref.ref,
      sha: ref.sha,
      repo: { id: repo.id, url: `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}`, name: repo.name },
    };
  };
  const repo = store.repoById(pull.repoId);
  return {
    url: `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}/pulls/${pull.number}`,
    id: pull.id,
    number: pull.number,
    head: side(pull.head),
    base: side(pull.base),
  };
}
