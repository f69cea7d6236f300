import type { Store } from "../store.js";
import type { BranchRules, MergeableState, PullRequest, Repo, Review } from "../store-types.js";
import { compareCommits } from "../git/compare-commits.js";
import { headContexts, type HeadContext } from "./head-contexts.js";
import { hasWriteAccess } from "./write-access.js";
import { branchRules } from "./branch-rules.js";

/** GitHub Actions' app id: check runs of the sandbox's CI actor report under it. */
const GITHUB_ACTIONS_APP_ID = 15368;

/** `PullRequest.reviewDecision` as GitHub reports it. */
export type ReviewDecision = "APPROVED" | "CHANGES_REQUESTED" | "REVIEW_REQUIRED";

interface Params {
  store: Store;
  repo: Repo;
  pull: PullRequest;
}

/** What the base branch demands: classic protection and active rulesets together. */
function rulesOf(repo: Repo, pull: PullRequest): BranchRules {
  return branchRules(repo, pull.base.ref);
}

/**
 * Each reviewer's latest approving, change-requesting or dismissed review,
 * counting only reviewers who can push to the repository: GitHub ignores the
 * opinion of anyone else for required reviews
 * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging).
 */
function latestWriterReviews(params: Params): Review[] {
  const latest = new Map<number, Review>();
  for (const review of params.pull.reviews) {
    if (review.state !== "APPROVED" && review.state !== "CHANGES_REQUESTED" && review.state !== "DISMISSED") continue;
    latest.set(review.user.id, review);
  }
  return [...latest.values()].filter((review) => hasWriteAccess({ store: params.store, repo: params.repo, account: review.user }));
}

/**
 * `PullRequest.reviewDecision` under branch protection
 * (https://docs.github.com/en/graphql/reference/objects#pullrequest): `null`
 * when the base branch has no review rule; otherwise CHANGES_REQUESTED when a
 * writer's latest review asks for changes, APPROVED when enough writers'
 * latest reviews approve, REVIEW_REQUIRED until then.
 */
export function protectedReviewDecision(params: Params): ReviewDecision | null {
  const rule = rulesOf(params.repo, params.pull).reviews;
  if (!rule) return null;
  const latest = latestWriterReviews(params);
  if (latest.some((review) => review.state === "CHANGES_REQUESTED")) return "CHANGES_REQUESTED";
  const approvals = latest.filter((review) => review.state === "APPROVED").length;
  return approvals >= rule.requiredApprovingReviewCount ? "APPROVED" : "REVIEW_REQUIRED";
}

/** Whether a reported context satisfies a required check's source (any app, or the one named). */
function fromRequiredSource(context: HeadContext, appId: number | null): boolean {
  if (appId === null || appId === -1) return true;
  return context.kind === "check" && (context.appId ?? GITHUB_ACTIONS_APP_ID) === appId;
}

/** Whether a reported context is the required check `name` (status contexts compare case-insensitively). */
function isRequired(context: HeadContext, check: { context: string; appId: number | null }): boolean {
  const same = context.kind === "status" ? context.name.toLowerCase() === check.context.toLowerCase() : context.name === check.context;
  return same && fromRequiredSource(context, check.appId);
}

/**
 * Whether branch protection on `pull`'s base requires the check run or
 * status `context` (reported by app `appId`; `null` for the CI actor or a
 * status) — what GraphQL's `isRequired(pullRequestNumber:)` answers
 * (https://docs.github.com/en/graphql/reference/interfaces#requirablebypullrequest).
 */
export function isRequiredByProtection(params: {
  repo: Repo;
  pull: PullRequest;
  context: string;
  kind: "check" | "status";
  appId: number | null;
}): boolean {
  const required = rulesOf(params.repo, params.pull).checks?.checks ?? [];
  const reported: HeadContext = { name: params.context, kind: params.kind, appId: params.appId, state: "pending" };
  return required.some((check) => isRequired(reported, check));
}

/**
 * What branch protection still demands before `pull` may merge, as the 405
 * messages GitHub's merge endpoint answers with
 * (https://docs.github.com/en/rest/pulls/pulls#merge-a-pull-request); empty
 * when protection is satisfied. Reviews come first, then required checks,
 * then the strict up-to-date rule.
 */
export function protectionFailures(params: Params): string[] {
  const { repo, pull } = params;
  const rules = rulesOf(repo, pull);
  const failures: string[] = [];
  const rule = rules.reviews;
  if (rule && protectedReviewDecision(params) !== "APPROVED") {
    const count = Math.max(1, rule.requiredApprovingReviewCount);
    failures.push(
      count === 1
        ? "At least 1 approving review is required by reviewers with write access."
        : `At least ${count} approving reviews are required by reviewers with write access.`,
    );
  }
  const checks = rules.checks;
  const missing = requiredCheckFailures({ repo, branch: pull.base.ref, sha: pull.head.sha });
  if (missing !== undefined) failures.push(missing);
  if (checks?.strict && compareCommits({ store: params.store, base: pull.base.sha, head: pull.head.sha }).behindBy > 0) {
    failures.push("Head branch is not up to date with the base branch.");
  }
  return failures;
}

/**
 * Why the checks `branch` requires do not yet pass on commit `sha` (a pull
 * request's head, or a merge group's), in GitHub's words; `undefined` when
 * every required check has passed there.
 */
export function requiredCheckFailures(params: { repo: Repo; branch: string; sha: string }): string | undefined {
  const checks = branchRules(params.repo, params.branch).checks;
  if (!checks || checks.checks.length === 0) return undefined;
  const reported = headContexts({ repo: params.repo, sha: params.sha });
  const stateOf = (check: { context: string; appId: number | null }) => {
    const states = reported.filter((candidate) => isRequired(candidate, check)).map((candidate) => candidate.state);
    return states.includes("failure") ? "failure" : states.includes("pending") ? "pending" : states[0];
  };
  const failing = checks.checks.filter((check) => stateOf(check) === "failure");
  const expected = checks.checks.filter((check) => {
    const state = stateOf(check);
    return state === undefined || state === "pending";
  });
  if (failing.length > 0) return `Required status check "${failing[0]?.context}" is failing.`;
  if (expected.length === 1) return `Required status check "${expected[0]?.context}" is expected.`;
  if (expected.length > 1) return `${expected.length} of ${checks.checks.length} required status checks are expected.`;
  return undefined;
}

/**
 * `mergeable` / `mergeable_state` (GraphQL `mergeStateStatus`) as github.com
 * computes them (https://docs.github.com/en/graphql/reference/enums#mergestatestatus):
 * DIRTY on conflicts, DRAFT, BLOCKED only by protection (missing approvals,
 * required checks missing, pending or failing), BEHIND only when strict
 * required status checks are on and the head lacks the base's head, UNSTABLE
 * when a check that is not required fails or is still running, CLEAN
 * otherwise. When GitHub reports blocked and behind together it says
 * BLOCKED, so a client updates the branch only once nothing else stops it.
 */
export function protectedMergeability(params: Params): { mergeable: boolean; mergeableState: MergeableState } {
  const { store, repo, pull } = params;
  const comparison = compareCommits({ store, base: pull.base.sha, head: pull.head.sha });
  if (comparison.conflicts.length > 0) return { mergeable: false, mergeableState: "dirty" };
  if (pull.draft) return { mergeable: true, mergeableState: "draft" };
  const failures = protectionFailures(params);
  const behind = failures.includes("Head branch is not up to date with the base branch.");
  if (failures.length > (behind ? 1 : 0)) return { mergeable: true, mergeableState: "blocked" };
  if (behind) return { mergeable: true, mergeableState: "behind" };
  const required = rulesOf(repo, pull).checks?.checks ?? [];
  const unstable = headContexts({ repo, sha: pull.head.sha }).some(
    (context) =>
      context.state !== "success" &&
      !required.some((check) => isRequired(context, check)),
  );
  return { mergeable: true, mergeableState: unstable ? "unstable" : "clean" };
}
