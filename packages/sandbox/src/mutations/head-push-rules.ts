import type { Store } from "../store.js";
import type { Account, PullRequest, Repo } from "../store-types.js";
import { pullRequestReviewPayload } from "../webhooks/pull-request-review-payload.js";
import { pullRequestPayload } from "../webhooks/pull-request-payload.js";
import { hasWriteAccess } from "./write-access.js";
import { branchRules } from "./branch-rules.js";

/**
 * What a push to a pull request's head undoes on github.com (production
 * profile), applied before the new head is evaluated:
 * - with "Dismiss stale pull request approvals when new commits are pushed"
 *   on the base branch (classic protection, or a ruleset's `pull_request`
 *   rule with `dismiss_stale_reviews_on_push`), every approval becomes DISMISSED
 *   (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging);
 * - a push by someone without write access disables auto-merge
 *   (https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/incorporating-changes-from-a-pull-request/automatically-merging-a-pull-request).
 */
export function applyHeadPushRules(params: { store: Store; repo: Repo; pull: PullRequest; actor: Account }): void {
  const { store, repo, pull, actor } = params;
  if (branchRules(repo, pull.base.ref).reviews?.dismissStaleReviews) {
    for (const review of pull.reviews) {
      if (review.state !== "APPROVED" || review.commitId === pull.head.sha) continue;
      review.state = "DISMISSED";
      store.emit(pullRequestReviewPayload({ store, repo, pull, review, action: "dismissed", sender: actor }));
    }
  }
  if (pull.autoMerge && !hasWriteAccess({ store, repo, account: actor })) {
    pull.autoMerge = null;
    store.emit(
      pullRequestPayload({
        store,
        repo,
        pull,
        action: "auto_merge_disabled",
        sender: actor,
        reason: "New commits were pushed by a user without write access",
      }),
    );
  }
}
