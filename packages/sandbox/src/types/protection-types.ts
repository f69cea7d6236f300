import type { Account } from "./account-types.js";

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

/**
 * A repository ruleset, as `POST /repos/{o}/{r}/rulesets` creates it
 * (https://docs.github.com/en/rest/repos/rules#create-a-repository-ruleset).
 * Branch rulesets only; `include` / `exclude` are `conditions.ref_name`
 * (`~DEFAULT_BRANCH`, `~ALL`, or `refs/heads/<fnmatch pattern>`). Rules the
 * sandbox does not act on are kept as sent so they read back.
 */
export interface Ruleset {
  id: number;
  nodeId: string;
  name: string;
  target: "branch";
  enforcement: "active" | "disabled" | "evaluate";
  include: string[];
  exclude: string[];
  rules: RulesetRule[];
  bypassActors: unknown[];
  createdAt: Date;
  updatedAt: Date;
}

/** One rule of a ruleset, with GitHub's REST parameters as sent. */
export interface RulesetRule {
  type: string;
  parameters?: Record<string, unknown>;
}

/**
 * The merge queue a `merge_queue` rule requires
 * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue).
 * The sandbox builds one merge group at a time.
 */
export interface MergeQueueRule {
  mergeMethod: "merge" | "squash" | "rebase";
  /** Minutes a required check may take on a merge group before the entry is removed. */
  checkResponseTimeoutMinutes: number;
}

/**
 * What a branch demands, classic protection and every active ruleset that
 * targets it taken together (the most restrictive of each wins, and required
 * checks add up), as GitHub layers them
 * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets#about-rule-layering).
 */
export interface BranchRules {
  reviews: { requiredApprovingReviewCount: number; dismissStaleReviews: boolean } | null;
  checks: { strict: boolean; checks: RequiredCheck[] } | null;
  mergeQueue: MergeQueueRule | null;
}

/** One pull request waiting in (or being built by) a merge queue. */
export interface MergeQueueEntry {
  pullNumber: number;
  enqueuedBy: Account;
  enqueuedAt: Date;
  /** The merge group being tested for this entry, once built. */
  group: { ref: string; sha: string; baseSha: string; builtAt: Date } | null;
}
