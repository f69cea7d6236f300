import type { Store } from "../store.js";
import type { PullRequest, Repo } from "../store-types.js";

/**
 * Whether the check run or status `context` (reported by app `appId`, `null`
 * for the CI actor or a status) must pass before `pull` may merge — what
 * GraphQL's `isRequired(pullRequestNumber:)` answers on `CheckRun` and
 * `StatusContext`. Required checks come from the base branch's protection
 * and rulesets
 * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-status-checks-before-merging);
 * until the sandbox models them here, nothing is required.
 */
export function isRequiredContext(_params: { store: Store; repo: Repo; pull: PullRequest; context: string; appId: number | null }): boolean {
  return false;
}
