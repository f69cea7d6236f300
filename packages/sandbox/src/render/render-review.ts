import type { Store } from "../store.js";
import type { PullRequest, Repo, Review } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderUser } from "./render-user.js";
import { authorAssociation } from "./author-association.js";
import { iso } from "./iso.js";

/**
 * Renders a review as GitHub's `pull-request-review`. Webhooks spell the
 * state in lower case (`approved`), REST in upper case (`APPROVED`).
 */
export function renderReview(params: {
  store: Store;
  repo: Repo;
  pull: PullRequest;
  review: Review;
  lowerCaseState?: boolean;
}): Record<string, unknown> {
  const { store, repo, pull, review } = params;
  const fullName = `${repo.owner.login}/${repo.name}`;
  const html = `${GITHUB_URLS.html}/${fullName}/pull/${pull.number}#pullrequestreview-${review.id}`;
  const pullUrl = `${GITHUB_URLS.api}/repos/${fullName}/pulls/${pull.number}`;
  return {
    id: review.id,
    node_id: review.nodeId,
    user: renderUser(review.user),
    body: review.body,
    state: params.lowerCaseState ? review.state.toLowerCase() : review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation({ store, repo, account: review.user }),
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    submitted_at: iso(review.submittedAt),
    commit_id: review.commitId,
  };
}
