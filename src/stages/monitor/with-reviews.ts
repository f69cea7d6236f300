import type { PullSnapshot } from "./pull-snapshot.js";
import type { ReviewCount } from "./read-approvals.js";

/** A pull request with Factory's own count of its reviews, where GitHub gave no decision. */
export function withReviews(pull: PullSnapshot, count: ReviewCount | undefined): PullSnapshot {
  if (!count) return pull;
  return { ...pull, approvals: count.changesRequested ? 0 : count.approvals, ...(count.changesRequested ? { reviewDecision: "CHANGES_REQUESTED" as const } : {}) };
}
