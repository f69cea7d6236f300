import type { BranchProtection, Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";

/** Settings the protection request sends as booleans and GitHub answers as `{ enabled }`. */
const TOGGLES = [
  "required_linear_history",
  "allow_force_pushes",
  "allow_deletions",
  "block_creations",
  "required_conversation_resolution",
  "lock_branch",
  "allow_fork_syncing",
] as const;

function protectionUrl(repo: Repo, branch: string): string {
  return `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}/branches/${branch}/protection`;
}

/** The `contexts` and `checks` of a required status checks rule. */
function requiredChecks(protection: BranchProtection): { contexts: string[]; checks: { context: string; app_id: number | null }[] } {
  const checks = protection.requiredStatusChecks?.checks ?? [];
  return {
    contexts: checks.map((check) => check.context),
    checks: checks.map((check) => ({ context: check.context, app_id: check.appId })),
  };
}

/**
 * A branch's protection as `GET`/`PUT /repos/{o}/{r}/branches/{b}/protection`
 * answer it (https://docs.github.com/en/rest/branches/branch-protection#get-branch-protection).
 */
export function renderBranchProtection(params: { repo: Repo; branch: string; protection: BranchProtection }): Record<string, unknown> {
  const { repo, branch, protection } = params;
  const url = protectionUrl(repo, branch);
  const body: Record<string, unknown> = { url };
  if (protection.requiredStatusChecks) {
    body.required_status_checks = {
      url: `${url}/required_status_checks`,
      strict: protection.requiredStatusChecks.strict,
      ...requiredChecks(protection),
      contexts_url: `${url}/required_status_checks/contexts`,
    };
  }
  const reviews = protection.requiredPullRequestReviews;
  if (reviews) {
    body.required_pull_request_reviews = {
      url: `${url}/required_pull_request_reviews`,
      dismiss_stale_reviews: reviews.dismissStaleReviews,
      require_code_owner_reviews: reviews.requireCodeOwnerReviews,
      required_approving_review_count: reviews.requiredApprovingReviewCount,
      require_last_push_approval: reviews.requireLastPushApproval,
    };
  }
  body.required_signatures = { url: `${url}/required_signatures`, enabled: false };
  body.enforce_admins = { url: `${url}/enforce_admins`, enabled: protection.enforceAdmins };
  for (const toggle of TOGGLES) body[toggle] = { enabled: protection.extra[toggle] === true };
  return body;
}

/**
 * The `protected` flag and `protection` summary `GET /repos/{o}/{r}/branches/{b}`
 * shows anyone who can read the repository
 * (https://docs.github.com/en/rest/branches/branches#get-a-branch): the
 * required checks and who they bind (`non_admins`, or `everyone` when admins
 * are included), `off` without required checks.
 */
export function renderBranchProtectionSummary(protection: BranchProtection | undefined): {
  protected: boolean;
  protection: Record<string, unknown>;
} {
  if (!protection) {
    return { protected: false, protection: { enabled: false, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } } };
  }
  const level = protection.requiredStatusChecks ? (protection.enforceAdmins ? "everyone" : "non_admins") : "off";
  return {
    protected: true,
    protection: { enabled: true, required_status_checks: { enforcement_level: level, ...requiredChecks(protection) } },
  };
}
