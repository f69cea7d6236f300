import type { BranchRules, MergeQueueRule, RequiredCheck, Repo, Ruleset } from "../store-types.js";

/** fnmatch as rulesets use it: `*` within one path segment, `**` across segments. */
function patternToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === "*" && pattern[i + 1] === "*") {
      source += ".*";
      i++;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

function refMatches(repo: Repo, branch: string, pattern: string): boolean {
  if (pattern === "~ALL") return true;
  if (pattern === "~DEFAULT_BRANCH") return branch === repo.defaultBranch;
  return patternToRegExp(pattern).test(`refs/heads/${branch}`);
}

/**
 * Whether `ruleset` applies to `branch`: active, and its `ref_name`
 * condition includes the branch and does not exclude it
 * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/creating-rulesets-for-a-repository#using-fnmatch-syntax).
 * Rulesets in `evaluate` mode only report, so they do not apply.
 */
export function rulesetApplies(repo: Repo, ruleset: Ruleset, branch: string): boolean {
  if (ruleset.enforcement !== "active") return false;
  return ruleset.include.some((pattern) => refMatches(repo, branch, pattern)) && !ruleset.exclude.some((pattern) => refMatches(repo, branch, pattern));
}

/** The active rulesets that apply to `branch`. */
export function rulesetsFor(repo: Repo, branch: string): Ruleset[] {
  return [...repo.rulesets.values()].filter((ruleset) => rulesetApplies(repo, ruleset, branch));
}

/** Whether any rule — classic protection or an active ruleset — protects `branch`. */
export function hasBranchRules(repo: Repo, branch: string): boolean {
  return repo.protections.has(branch) || rulesetsFor(repo, branch).length > 0;
}

const MERGE_METHODS: Record<string, MergeQueueRule["mergeMethod"]> = { MERGE: "merge", SQUASH: "squash", REBASE: "rebase" };

/**
 * What `branch` demands of a pull request into it: classic protection and
 * every active ruleset layered, the most restrictive setting winning and the
 * required checks of all of them together
 * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets#about-rule-layering).
 */
export function branchRules(repo: Repo, branch: string): BranchRules {
  const classic = repo.protections.get(branch);
  let reviews: BranchRules["reviews"] = classic?.requiredPullRequestReviews
    ? {
        requiredApprovingReviewCount: classic.requiredPullRequestReviews.requiredApprovingReviewCount,
        dismissStaleReviews: classic.requiredPullRequestReviews.dismissStaleReviews,
      }
    : null;
  let checks: BranchRules["checks"] = classic?.requiredStatusChecks
    ? { strict: classic.requiredStatusChecks.strict, checks: [...classic.requiredStatusChecks.checks] }
    : null;
  let mergeQueue: MergeQueueRule | null = null;
  for (const ruleset of rulesetsFor(repo, branch)) {
    for (const rule of ruleset.rules) {
      const p = rule.parameters ?? {};
      if (rule.type === "pull_request") {
        const count = Number(p.required_approving_review_count ?? 0);
        const dismiss = p.dismiss_stale_reviews_on_push === true;
        reviews = reviews
          ? { requiredApprovingReviewCount: Math.max(reviews.requiredApprovingReviewCount, count), dismissStaleReviews: reviews.dismissStaleReviews || dismiss }
          : { requiredApprovingReviewCount: count, dismissStaleReviews: dismiss };
      } else if (rule.type === "required_status_checks") {
        const listed = (p.required_status_checks as { context: string; integration_id?: number }[] | undefined) ?? [];
        const added: RequiredCheck[] = listed.map((check) => ({ context: check.context, appId: check.integration_id ?? null }));
        const strict = p.strict_required_status_checks_policy === true;
        checks = checks ? { strict: checks.strict || strict, checks: [...checks.checks, ...added] } : { strict, checks: added };
      } else if (rule.type === "merge_queue") {
        mergeQueue = {
          mergeMethod: MERGE_METHODS[String(p.merge_method ?? "MERGE")] ?? "merge",
          checkResponseTimeoutMinutes: Number(p.check_response_timeout_minutes ?? 60),
        };
      }
    }
  }
  return { reviews, checks, mergeQueue };
}
