import type { PullRequest, Repo } from "../store-types.js";
import { isRequiredByProtection } from "./protected-merge-state.js";

/**
 * Whether the check run or status `context` (reported by app `appId`, `null`
 * for the CI actor or a status) must pass before `pull` may merge — what
 * GraphQL's `isRequired(pullRequestNumber:)` answers on `CheckRun` and
 * `StatusContext`. Required checks come from the base branch's protection
 * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-status-checks-before-merging).
 */
export function isRequiredContext(params: { repo: Repo; pull: PullRequest; context: string; kind: "check" | "status"; appId: number | null }): boolean {
  return isRequiredByProtection(params);
}
