import type { Store } from "../store.js";
import type { Account, MergeQueueEntry, PullRequest, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { compareCommits } from "../git/compare-commits.js";
import { mergeGroupPayload } from "../webhooks/merge-group-payload.js";
import { pullRequestPayload } from "../webhooks/pull-request-payload.js";
import { branchRules } from "./branch-rules.js";
import { protectionFailures, requiredCheckFailures } from "./protected-merge-state.js";

/** The account GitHub's merge queue pushes merge groups and merges as. */
const QUEUE_BOT = "github-merge-queue[bot]";

/** Why an entry left the queue without merging (`pull_request.dequeued`'s `reason`). */
export type DequeueReason = "MANUAL" | "MERGE_CONFLICT" | "CI_FAILURE" | "CI_TIMEOUT" | "BRANCH_PROTECTIONS";

/**
 * Merge queues, as GitHub runs them for a branch whose rules include
 * `merge_queue`
 * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue):
 * a pull request that meets the branch's requirements is added
 * (`enqueuePullRequest`, or auto-merge once it is ready; `pull_request.enqueued`);
 * the queue builds a merge group — the base's head with the pull request
 * merged in, on a `gh-readonly-queue/{base}/pr-{n}-{sha}` branch — and asks
 * for CI on it (`merge_group.checks_requested`); when the base's required
 * checks pass on the group, the base moves to it and the pull request is
 * merged; when one fails or times out, the entry is removed
 * (`pull_request.dequeued`, `merge_group.destroyed`). The sandbox builds one
 * group at a time, first entry first. Pushing to a queued pull request's head
 * is refused, as GitHub's protected-branch hook refuses it.
 */
export class MergeQueueMutations {
  constructor(private readonly store: Store) {}

  /** The queue of `branch` (empty when none). */
  entries(repo: Repo, branch: string): MergeQueueEntry[] {
    return repo.mergeQueues.get(branch) ?? [];
  }

  /** `pull`'s entry and its position (1 = next to merge), if queued. */
  entryOf(repo: Repo, pull: PullRequest): { entry: MergeQueueEntry; position: number } | undefined {
    const queue = this.entries(repo, pull.base.ref);
    const index = queue.findIndex((entry) => entry.pullNumber === pull.number);
    return index < 0 ? undefined : { entry: queue[index] as MergeQueueEntry, position: index + 1 };
  }

  /**
   * GraphQL `enqueuePullRequest`: refuses a closed, draft or conflicting pull
   * request, one whose base requires no merge queue, one already queued, a
   * stale `expectedHeadOid`, and one that does not meet the base branch's
   * other requirements yet (reviews, required checks); GitHub does not wait
   * for mergeability there, the queue itself tests the merged result.
   */
  enqueue(params: { actor: Account; repo: Repo; pull: PullRequest; expectedHeadOid?: string | null; jump?: boolean }): MergeQueueEntry {
    const { actor, repo, pull } = params;
    if (pull.merged || this.store.requireIssue(repo, pull.number).state !== "open") {
      throw new SandboxError({ status: 422, message: "Pull request is closed" });
    }
    if (pull.draft) throw new SandboxError({ status: 422, message: "Pull request is in draft state" });
    if (!branchRules(repo, pull.base.ref).mergeQueue) {
      throw new SandboxError({ status: 422, message: "Merge queue is not enabled for this branch" });
    }
    if (params.expectedHeadOid && params.expectedHeadOid !== pull.head.sha) {
      throw new SandboxError({ status: 422, message: "Head branch was modified. Review and try the merge again." });
    }
    if (this.entryOf(repo, pull)) throw new SandboxError({ status: 422, message: "Pull request is already in the merge queue" });
    const comparison = compareCommits({ store: this.store, base: pull.base.sha, head: pull.head.sha });
    if (comparison.conflicts.length > 0) throw new SandboxError({ status: 422, message: "Pull request has merge conflicts" });
    // Being behind does not matter: the merge group is built on the base's head.
    const unmet = protectionFailures({ store: this.store, repo, pull }).filter((failure) => !failure.startsWith("Head branch is not up to date"));
    if (unmet.length > 0) throw new SandboxError({ status: 422, message: `Pull request is not mergeable: ${unmet[0]}` });
    const entry: MergeQueueEntry = { pullNumber: pull.number, enqueuedBy: actor, enqueuedAt: this.store.now(), group: null };
    const queue = this.entries(repo, pull.base.ref);
    if (params.jump) queue.splice(queue[0]?.group ? 1 : 0, 0, entry);
    else queue.push(entry);
    repo.mergeQueues.set(pull.base.ref, queue);
    pull.autoMerge = null;
    this.store.emit(pullRequestPayload({ store: this.store, repo, pull, action: "enqueued", sender: actor }));
    this.advance(repo, pull.base.ref);
    return entry;
  }

  /** GraphQL `dequeuePullRequest`: takes `pull` out of its queue (404-like 422 when it is not queued). */
  dequeue(params: { actor: Account; repo: Repo; pull: PullRequest }): MergeQueueEntry {
    const found = this.entryOf(params.repo, params.pull);
    if (!found) throw new SandboxError({ status: 422, message: "Pull request is not in the merge queue" });
    this.remove(params.repo, params.pull.base.ref, found.entry, "MANUAL", params.actor);
    this.advance(params.repo, params.pull.base.ref);
    return found.entry;
  }

  /**
   * Refuses a push to `branch` while a pull request from it is queued, as
   * GitHub's protected-branch hook does.
   */
  assertNotQueuedHead(repo: Repo, branch: string): void {
    for (const [base, queue] of repo.mergeQueues) {
      for (const entry of queue) {
        const pull = repo.pulls.get(entry.pullNumber);
        if (pull?.head.ref === branch && pull.head.repoId === repo.id) {
          throw new SandboxError({
            status: 422,
            message: `A pull request for this branch has been added to a merge queue (into ${base}). Branches that are queued for merging cannot be updated.`,
          });
        }
      }
    }
  }

  /** After CI reported on `sha`: a merge group whose required checks have all passed merges; one with a failing check leaves. */
  onChecksChanged(repo: Repo, sha: string): void {
    for (const [base, queue] of [...repo.mergeQueues]) {
      const head = queue[0];
      if (head?.group?.sha === sha) this.advance(repo, base);
    }
  }

  /**
   * Moves `base`'s queue on: builds the first entry's merge group when it
   * has none (or when the base moved under it), merges it when the required
   * checks passed on it, removes it when one failed.
   */
  advance(repo: Repo, base: string): void {
    for (let guard = 0; guard < 1000; guard++) {
      const queue = this.entries(repo, base);
      const entry = queue[0];
      if (!entry) return;
      const pull = repo.pulls.get(entry.pullNumber) as PullRequest;
      const baseSha = this.store.ops.git.branchHead(repo, base).sha;
      if (entry.group && entry.group.baseSha !== baseSha) this.destroyGroup(repo, base, entry, "invalidated");
      if (!entry.group) {
        if (!this.build(repo, base, entry, pull, baseSha)) continue;
        return;
      }
      const failure = requiredCheckFailures({ repo, branch: base, sha: entry.group.sha });
      if (failure === undefined) {
        this.land(repo, base, entry, pull);
        continue;
      }
      if (/is failing\.$/.test(failure)) {
        this.remove(repo, base, entry, "CI_FAILURE", this.bot());
        continue;
      }
      return;
    }
  }

  private bot(): Account {
    return this.store.ops.accounts.createUser({ login: QUEUE_BOT, type: "Bot" });
  }

  /** Builds `entry`'s merge group on `baseSha`; false (and the entry removed) when the pull request conflicts with it. */
  private build(repo: Repo, base: string, entry: MergeQueueEntry, pull: PullRequest, baseSha: string): boolean {
    const comparison = compareCommits({ store: this.store, base: baseSha, head: pull.head.sha });
    if (comparison.conflicts.length > 0) {
      this.remove(repo, base, entry, "MERGE_CONFLICT", this.bot());
      return false;
    }
    const rule = branchRules(repo, base).mergeQueue;
    const method = rule?.mergeMethod ?? "merge";
    const commit = this.store.ops.merges.writeMergeCommit({ actor: entry.enqueuedBy, repo, pull, baseSha, method });
    const ref = `refs/heads/gh-readonly-queue/${base}/pr-${pull.number}-${pull.head.sha}`;
    entry.group = { ref, sha: commit.sha, baseSha, builtAt: this.store.now() };
    const bot = this.bot();
    this.store.ops.git.moveRef({ actor: bot, repo, ref, to: commit.sha, forced: false });
    this.store.emit(mergeGroupPayload({ store: this.store, repo, group: entry.group, baseBranch: base, sender: bot, action: "checks_requested" }));
    const timeoutMinutes = rule?.checkResponseTimeoutMinutes ?? 60;
    const group = entry.group;
    this.store.schedule(timeoutMinutes * 60_000, () => {
      if (entry.group !== group || !this.entries(repo, base).includes(entry)) return;
      if (requiredCheckFailures({ repo, branch: base, sha: group.sha }) === undefined) return;
      this.remove(repo, base, entry, "CI_TIMEOUT", this.bot());
      this.advance(repo, base);
    });
    return true;
  }

  /** The group passed: the base moves to it and the pull request is merged by whoever queued it. */
  private land(repo: Repo, base: string, entry: MergeQueueEntry, pull: PullRequest): void {
    const group = entry.group as NonNullable<MergeQueueEntry["group"]>;
    this.entries(repo, base).shift();
    this.store.ops.merges.finishMerge({ actor: entry.enqueuedBy, repo, pull, sha: group.sha });
    this.deleteGroupRef(repo, group.ref);
    this.store.emit(mergeGroupPayload({ store: this.store, repo, group, baseBranch: base, sender: this.bot(), action: "destroyed", reason: "merged" }));
  }

  private remove(repo: Repo, base: string, entry: MergeQueueEntry, reason: DequeueReason, sender: Account): void {
    const queue = this.entries(repo, base);
    const index = queue.indexOf(entry);
    if (index >= 0) queue.splice(index, 1);
    if (entry.group) this.destroyGroup(repo, base, entry, "dequeued");
    // Entries behind a removed one were tested with it merged: their groups are rebuilt.
    for (const later of queue.slice(index)) if (later.group) this.destroyGroup(repo, base, later, "invalidated");
    const pull = repo.pulls.get(entry.pullNumber) as PullRequest;
    pull.queueRemovals = [...(pull.queueRemovals ?? []), { at: this.store.now(), reason, headSha: pull.head.sha, actor: sender, enqueuer: entry.enqueuedBy }];
    this.store.emit(pullRequestPayload({ store: this.store, repo, pull, action: "dequeued", sender, reason }));
  }

  private destroyGroup(repo: Repo, base: string, entry: MergeQueueEntry, reason: "invalidated" | "dequeued"): void {
    const group = entry.group;
    if (!group) return;
    entry.group = null;
    this.deleteGroupRef(repo, group.ref);
    this.store.emit(mergeGroupPayload({ store: this.store, repo, group, baseBranch: base, sender: this.bot(), action: "destroyed", reason }));
  }

  private deleteGroupRef(repo: Repo, ref: string): void {
    if (repo.refs.has(ref)) this.store.ops.git.moveRef({ actor: this.bot(), repo, ref, to: null, forced: false });
  }
}
