import type { Store } from "../store.js";
import type { Account, PullRequest, Repo, ReviewThread, StoreEvent } from "../store-types.js";
import { renderPull } from "../render/render-pull.js";
import { renderReviewComment } from "../render/render-review-comment.js";
import { repoContext } from "./repo-context.js";

/** Builds a `pull_request_review_thread` webhook (`resolved`, `unresolved`). */
export function pullRequestReviewThreadPayload(params: {
  store: Store;
  repo: Repo;
  pull: PullRequest;
  thread: ReviewThread;
  action: "resolved" | "unresolved";
  sender: Account;
}): StoreEvent {
  const { store, repo, pull, thread, action, sender } = params;
  const payload: Record<string, unknown> = {
    action,
    thread: {
      node_id: thread.nodeId,
      comments: thread.comments.map((comment) => renderReviewComment({ store, repo, pull, comment })),
    },
    pull_request: renderPull({ store, repo, pull }),
    ...repoContext({ repo, sender }),
  };
  return { name: "pull_request_review_thread", payload, repoId: repo.id, accountId: null };
}
