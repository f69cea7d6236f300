import type { Store } from "../store.js";
import type { PullRequest, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { pullRequestPayload } from "../webhooks/pull-request-payload.js";
import { branchRules } from "./branch-rules.js";

/**
 * Production profile: GitHub computes mergeability in the background after a
 * pull request is opened or its head or base moves, answering `null` /
 * `unknown` until it is done
 * (https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request), and
 * performs an auto-merge once the pull request is mergeable under protection
 * (https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/incorporating-changes-from-a-pull-request/automatically-merging-a-pull-request).
 */
export class MergeabilityTracker {
  /** Open PRs whose mergeability is still being computed, with their repository. */
  private readonly computing = new Map<PullRequest, Repo>();

  constructor(private readonly store: Store) {}

  /** Starts (or restarts) computing `pull`'s mergeability: unknown for the store's delay. */
  start(repo: Repo, pull: PullRequest): void {
    if (this.store.profile !== "production" || this.store.mergeabilityDelayMs <= 0) return;
    pull.mergeabilityDueAt = new Date(this.store.now().getTime() + this.store.mergeabilityDelayMs);
    this.computing.set(pull, repo);
    this.store.schedule(this.store.mergeabilityDelayMs, () => this.settle());
  }

  /** Finishes the computations whose time has come (and the auto-merges they unblock). */
  settle(): void {
    const now = this.store.now().getTime();
    for (const [pull, repo] of [...this.computing]) {
      if ((pull.mergeabilityDueAt?.getTime() ?? 0) > now) continue;
      this.computing.delete(pull);
      pull.mergeabilityDueAt = null;
      this.store.ops.pulls.refresh(repo, pull);
    }
  }

  /**
   * After `pull`'s state was recomputed: hides it while still computing,
   * otherwise performs a pending auto-merge when nothing required stops it
   * (clean, or unstable from checks that are not required). An auto-merge
   * that cannot be performed (a method disallowed since, …) is disabled.
   */
  apply(repo: Repo, pull: PullRequest): void {
    if (pull.mergeabilityDueAt && pull.mergeabilityDueAt.getTime() > this.store.now().getTime()) {
      pull.mergeable = null;
      pull.mergeableState = "unknown";
      return;
    }
    pull.mergeabilityDueAt = null;
    this.computing.delete(pull);
    if (!pull.autoMerge || (pull.mergeableState !== "clean" && pull.mergeableState !== "unstable")) return;
    const { enabledBy } = pull.autoMerge;
    try {
      mergeAsRequested(this.store, repo, pull);
    } catch (error) {
      if (!(error instanceof SandboxError)) throw error;
      pull.autoMerge = null;
      this.store.emit(
        pullRequestPayload({ store: this.store, repo, pull, action: "auto_merge_disabled", sender: enabledBy, reason: error.message }),
      );
    }
  }
}

/**
 * Performs `pull`'s pending auto-merge as whoever armed it, with the method
 * and message they chose — or, where the base requires a merge queue, puts it
 * in the queue.
 */
export function mergeAsRequested(store: Store, repo: Repo, pull: PullRequest): void {
  if (!pull.autoMerge) return;
  const { enabledBy, mergeMethod, commitTitle, commitMessage } = pull.autoMerge;
  if (branchRules(repo, pull.base.ref).mergeQueue) {
    if (!store.ops.mergeQueue.entryOf(repo, pull)) store.ops.mergeQueue.enqueue({ actor: enabledBy, repo, pull });
    return;
  }
  store.ops.merges.merge({
    actor: enabledBy,
    repo,
    number: pull.number,
    mergeMethod,
    commitTitle: commitTitle ?? undefined,
    commitMessage: commitMessage ?? undefined,
  });
}
