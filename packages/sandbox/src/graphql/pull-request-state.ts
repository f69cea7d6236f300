import type { Issue, MergeableState, PullRequest, Review } from "../store-types.js";

/** `PullRequest.state`: merged pull requests are MERGED, not CLOSED. */
export function pullRequestState(issue: Issue, pull: PullRequest): "OPEN" | "CLOSED" | "MERGED" {
  if (pull.merged) {
    return "MERGED";
  }
  return issue.state === "open" ? "OPEN" : "CLOSED";
}

/** `PullRequest.mergeable` from the store's tri-state. */
export function mergeableState(pull: PullRequest): "MERGEABLE" | "CONFLICTING" | "UNKNOWN" {
  if (pull.mergeable === null) {
    return "UNKNOWN";
  }
  return pull.mergeable ? "MERGEABLE" : "CONFLICTING";
}

const MERGE_STATE_STATUS: Record<MergeableState, string> = {
  clean: "CLEAN",
  dirty: "DIRTY",
  behind: "BEHIND",
  blocked: "BLOCKED",
  unstable: "UNSTABLE",
  unknown: "UNKNOWN",
  draft: "DRAFT",
};

/** `PullRequest.mergeStateStatus`: the REST `mergeable_state` in GraphQL's spelling. */
export function mergeStateStatus(pull: PullRequest): string {
  return MERGE_STATE_STATUS[pull.mergeableState];
}

/**
 * `PullRequest.reviewDecision`: each reviewer's latest approving or
 * change-requesting review counts (comments, pending and dismissed reviews do
 * not); any change request wins over approvals. With no such review it is
 * `null`. This is the kind profile, which ignores branch protection; the
 * production profile answers from protection (`protectedReviewDecision`).
 */
export function reviewDecision(pull: PullRequest): "APPROVED" | "CHANGES_REQUESTED" | null {
  const latest = new Map<number, Review>();
  for (const review of pull.reviews) {
    if (review.state === "APPROVED" || review.state === "CHANGES_REQUESTED" || review.state === "DISMISSED") {
      latest.set(review.user.id, review);
    }
  }
  const states = [...latest.values()].map((review) => review.state);
  if (states.includes("CHANGES_REQUESTED")) {
    return "CHANGES_REQUESTED";
  }
  return states.includes("APPROVED") ? "APPROVED" : null;
}

const CLOSING_REFERENCE =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+(?:([\w.-]+)\/([\w.-]+))?#(\d+)\b/gi;

/**
 * The issues a pull request's description says it closes (`Fixes #12`,
 * `closes owner/repo#3`). GitHub only honours closing keywords when the pull
 * request targets the default branch; aimed anywhere else they link nothing.
 * https://docs.github.com/issues/tracking-your-work-with-issues/linking-a-pull-request-to-an-issue
 */
export function closingReferences(params: {
  body: string | null;
  targetsDefaultBranch: boolean;
}): { owner: string | undefined; name: string | undefined; number: number }[] {
  if (!params.targetsDefaultBranch || params.body === null) {
    return [];
  }
  return [...params.body.matchAll(CLOSING_REFERENCE)].map((match) => ({
    owner: match[1],
    name: match[2],
    number: Number(match[3]),
  }));
}
