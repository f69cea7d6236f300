import type { Store } from "../store.js";
import type { Account, PullRequest, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { hasWriteAccess } from "./write-access.js";
import { hasBranchRules } from "./branch-rules.js";

/** A merge method as the REST API spells it. */
export type MergeMethod = "merge" | "squash" | "rebase";

/**
 * GitHub's 405 for a merge method the repository does not allow
 * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/about-merge-methods-on-github).
 */
export function disallowedMethod(repo: Repo, method: MergeMethod): SandboxError | undefined {
  const settings = repo.mergeSettings;
  if (method === "merge" && !settings.allowMergeCommit) {
    return new SandboxError({ status: 405, message: "Merge commits are not allowed on this repository." });
  }
  if (method === "squash" && !settings.allowSquashMerge) {
    return new SandboxError({ status: 405, message: "Squash merges are not allowed on this repository." });
  }
  if (method === "rebase" && !settings.allowRebaseMerge) {
    return new SandboxError({ status: 405, message: "Rebase merges are not allowed on this repository." });
  }
  return undefined;
}

/** GitHub's 403 for `enablePullRequestAutoMerge` by someone who cannot push to the repository; `undefined` for a writer. */
export function autoMergeUnauthorized(params: { store: Store; repo: Repo; actor: Account }): SandboxError | undefined {
  if (hasWriteAccess({ store: params.store, repo: params.repo, account: params.actor })) return undefined;
  return new SandboxError({
    status: 403,
    message: `${params.actor.login} does not have the correct permissions to execute \`EnablePullRequestAutoMerge\``,
  });
}

/**
 * Why GitHub refuses `enablePullRequestAutoMerge` in the production profile
 * (https://docs.github.com/en/graphql/reference/mutations#enablepullrequestautomerge,
 * https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/incorporating-changes-from-a-pull-request/automatically-merging-a-pull-request),
 * in the order it checks: the caller must be able to push, the repository
 * must allow auto-merge, the base branch must be protected, and the pull
 * request must not be mergeable right now (clean or unstable). The messages
 * are GitHub's own (older responses prefix them with "Pull request ", so
 * clients should match them by inclusion). `undefined` when accepted.
 */
export function autoMergeRefusal(params: {
  store: Store;
  repo: Repo;
  pull: PullRequest;
  actor: Account;
  mergeMethod: MergeMethod;
}): SandboxError | undefined {
  const { store, repo, pull, actor } = params;
  const unauthorized = autoMergeUnauthorized({ store, repo, actor });
  if (unauthorized) return unauthorized;
  if (!repo.mergeSettings.allowAutoMerge) {
    return new SandboxError({ status: 422, message: "Auto merge is not allowed for this repository" });
  }
  if (!hasBranchRules(repo, pull.base.ref)) {
    return new SandboxError({ status: 422, message: "Protected branch rules not configured for this branch" });
  }
  const method = disallowedMethod(repo, params.mergeMethod);
  if (method) return new SandboxError({ status: 422, message: method.message });
  if (pull.mergeableState === "clean") return new SandboxError({ status: 422, message: "Pull request is in clean status" });
  if (pull.mergeableState === "unstable") return new SandboxError({ status: 422, message: "Pull request is in unstable status" });
  return undefined;
}
