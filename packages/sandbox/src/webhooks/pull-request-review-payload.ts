import type { Store } from "../store.js";
import type { Account, PullRequest, Repo, Review, StoreEvent } from "../store-types.js";
import { renderPull } from "../render/render-pull.js";
import { renderReview } from "../render/render-review.js";
import { repoContext } from "./repo-context.js";

/** Builds a `pull_request_review` webhook (`submitted`, `dismissed`, `edited`). */
export function pullRequestReviewPayload(params: {
  store: Store;
  repo: Repo;
  pull: PullRequest;
  review: Review;
  action: "submitted" | "dismissed" | "edited";
  sender: Account;
}): StoreEvent {
  const { store, repo, pull, review, action, sender } = params;
  const payload: Record<string, unknown> = {
    action,
    review: renderReview({ store, repo, pull, review, lowerCaseState: true }),
    pull_request: renderPull({ store, repo, pull }),
    ...repoContext({ repo, sender }),
  };
  return { name: "pull_request_review", payload, repoId: repo.id, accountId: null };
}
