/** Branch protection and repository merge settings. See `../store-types.ts` for the conventions. */

/**
 * How faithfully the sandbox models GitHub's merge rules. `kind` (the
 * default) computes review decisions and merge states without any branch
 * protection and knows mergeability at once; `production` behaves as
 * github.com does: protection decides `reviewDecision` and
 * `mergeStateStatus`, mergeability is unknown for a while after a push,
 * auto-merge needs the repository setting and a protected base.
 */
export type SandboxProfile = "kind" | "production";

/** A required status check: a check run name or commit status context, optionally tied to an app. */
export interface RequiredCheck {
  context: string;
  /** The app that must report it; `null` accepts any source. */
  appId: number | null;
}

/**
 * A classic branch protection rule, as `PUT /repos/{o}/{r}/branches/{b}/protection` sets it
 * (https://docs.github.com/en/rest/branches/branch-protection#update-branch-protection).
 * Fields the sandbox does not act on are kept as sent so they read back.
 */
export interface BranchProtection {
  requiredStatusChecks: {
    /** "Require branches to be up to date before merging". */
    strict: boolean;
    checks: RequiredCheck[];
  } | null;
  requiredPullRequestReviews: {
    requiredApprovingReviewCount: number;
    /** Dismiss approvals when new commits are pushed. */
    dismissStaleReviews: boolean;
    requireCodeOwnerReviews: boolean;
    requireLastPushApproval: boolean;
  } | null;
  enforceAdmins: boolean;
  /** Everything else the request carried (restrictions, linear history, …), returned as sent. */
  extra: Record<string, unknown>;
}

/**
 * A repository's merge settings
 * (https://docs.github.com/en/rest/repos/repos#update-a-repository).
 */
export interface RepoMergeSettings {
  allowAutoMerge: boolean;
  allowSquashMerge: boolean;
  allowMergeCommit: boolean;
  allowRebaseMerge: boolean;
  deleteBranchOnMerge: boolean;
}
