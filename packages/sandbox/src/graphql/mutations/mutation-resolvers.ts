import type { TypeResolvers } from "../resolver-types.js";
import { addComment } from "./add-comment.js";
import { addSubIssue } from "./add-sub-issue.js";
import { enablePullRequestAutoMerge } from "./enable-pull-request-auto-merge.js";
import { dequeuePullRequest, enqueuePullRequest } from "./merge-queue-mutations.js";
import { replaceActorsForAssignable } from "./replace-actors-for-assignable.js";
import { setReviewThreadResolved } from "./set-review-thread-resolved.js";

/**
 * `Mutation`: every write goes through the store's methods, so the same
 * webhooks fire as when the app writes through REST.
 */
export const mutationResolvers: TypeResolvers<undefined> = {
  addComment,
  addSubIssue,
  resolveReviewThread: setReviewThreadResolved(true),
  unresolveReviewThread: setReviewThreadResolved(false),
  enablePullRequestAutoMerge,
  enqueuePullRequest,
  dequeuePullRequest,
  replaceActorsForAssignable,
};

