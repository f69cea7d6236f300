import type { Store } from "../store.js";
import type { Account, Commit, PullRequest, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { compareCommits } from "../git/compare-commits.js";
import { disallowedMethod } from "./auto-merge-rules.js";
import { protectionFailures } from "./protected-merge-state.js";
import { branchRules } from "./branch-rules.js";

/**
 * GitHub's answer to a direct merge into a branch whose rules require a merge
 * queue (REST 405; GraphQL `mergePullRequest` answers the last line).
 */
export const MERGE_QUEUE_REQUIRED = "Repository rule violations found\n\nChanges must be made through the merge queue";

/** GitHub's closing keywords, followed by a same-repository `#N`. */
const CLOSING_REFERENCE = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;

/** Merging pull requests and bringing their branches up to date. */
export class MergeMutations {
  constructor(private readonly store: Store) {}

  /**
   * `PUT /pulls/{n}/merge` (and auto-merge): 405 when closed, draft or
   * conflicting, or with a merge method the repository does not allow, 409
   * when `sha` is not the head; in the production profile also 405 with
   * GitHub's message while branch protection is not satisfied
   * (https://docs.github.com/en/rest/pulls/pulls#merge-a-pull-request).
   * Deletes the head branch afterwards when the repository says so
   * (`delete_branch_on_merge`). Moves the base branch
   * (`push`), marks the PR merged (`pull_request.closed`), and — only when
   * the base is the default branch, as on GitHub — closes the issues the PR
   * body names with closing keywords.
   */
  merge(params: {
    actor: Account;
    repo: Repo;
    number: number;
    mergeMethod?: "merge" | "squash" | "rebase";
    sha?: string;
    commitTitle?: string;
    commitMessage?: string;
  }): { sha: string; merged: true; message: string } {
    const { actor, repo } = params;
    const pull = this.store.requirePull(repo, params.number);
    const issue = this.store.requireIssue(repo, pull.number);
    if (pull.merged || issue.state !== "open") throw new SandboxError({ status: 405, message: "Pull Request is not mergeable" });
    if (pull.draft) throw new SandboxError({ status: 405, message: "Pull Request is still a draft" });
    if (params.sha !== undefined && params.sha !== pull.head.sha) {
      throw new SandboxError({ status: 409, message: "Head branch was modified. Review and try the merge again." });
    }
    const baseSha = this.store.ops.git.branchHead(repo, pull.base.ref).sha;
    const comparison = compareCommits({ store: this.store, base: baseSha, head: pull.head.sha });
    if (comparison.conflicts.length > 0) throw new SandboxError({ status: 405, message: "Pull Request is not mergeable" });
    const method = params.mergeMethod ?? "merge";
    const refused = disallowedMethod(repo, method);
    if (refused) throw refused;
    if (branchRules(repo, pull.base.ref).mergeQueue) {
      // https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue
      throw new SandboxError({ status: 405, message: MERGE_QUEUE_REQUIRED });
    }
    if (this.store.profile === "production") {
      const [failure] = protectionFailures({ store: this.store, repo, pull });
      if (failure !== undefined) throw new SandboxError({ status: 405, message: failure });
    }
    const commit = this.writeMergeCommit({ actor, repo, pull, baseSha, method, commitTitle: params.commitTitle, commitMessage: params.commitMessage });
    this.finishMerge({ actor, repo, pull, sha: commit.sha });
    return { sha: commit.sha, merged: true, message: "Pull Request successfully merged" };
  }

  /**
   * Writes the commit that merging `pull` into `baseSha` makes with `method`
   * (not yet on any branch): a merge commit with the head as second parent,
   * or — squash and rebase, modelled as one commit — a linear one.
   */
  writeMergeCommit(params: {
    actor: Account;
    repo: Repo;
    pull: PullRequest;
    baseSha: string;
    method: "merge" | "squash" | "rebase";
    commitTitle?: string | undefined;
    commitMessage?: string | undefined;
  }): Commit {
    const { actor, repo, pull, method } = params;
    const issue = this.store.requireIssue(repo, pull.number);
    const comparison = compareCommits({ store: this.store, base: params.baseSha, head: pull.head.sha });
    const title =
      params.commitTitle ??
      (method === "merge"
        ? `Merge pull request #${pull.number} from ${repo.owner.login}/${pull.head.ref}`
        : `${issue.title} (#${pull.number})`);
    return this.store.ops.git.writeCommit({
      parent: params.baseSha,
      extraParents: method === "merge" ? [pull.head.sha] : [],
      changes: this.changesToApply(comparison.headChanges),
      message: params.commitMessage ? `${title}\n\n${params.commitMessage}` : title,
      author: actor,
    });
  }

  /**
   * Lands the merge commit `sha` (already written on top of the base head):
   * marks the PR merged, moves the base branch (`push`), closes the PR
   * (`pull_request.closed`) and — only when the base is the default branch,
   * as on GitHub — the issues its body names with closing keywords, and
   * deletes the head branch when the repository says so.
   */
  finishMerge(params: { actor: Account; repo: Repo; pull: PullRequest; sha: string }): void {
    const { actor, repo, pull } = params;
    const issue = this.store.requireIssue(repo, pull.number);
    pull.merged = true;
    pull.mergedAt = this.store.now();
    pull.mergedBy = actor;
    pull.mergeCommitSha = params.sha;
    pull.mergeable = null;
    pull.autoMerge = null;
    this.store.ops.git.moveRef({ actor, repo, ref: `refs/heads/${pull.base.ref}`, to: params.sha, forced: false });
    this.store.ops.issues.setState({ actor, repo, issue, state: "closed" });
    if (pull.base.ref === repo.defaultBranch) this.closeReferencedIssues(actor, repo, pull, issue.body ?? "");
    if (repo.mergeSettings.deleteBranchOnMerge) this.deleteHeadBranch(actor, repo, pull);
  }

  /**
   * `PUT /pulls/{n}/update-branch`: merges the base into the head branch.
   * 422 when `expectedHeadSha` is stale or the branches conflict; in the
   * production profile also when the head already contains the base, as on
   * GitHub (the kind profile answers that with nothing to do).
   */
  updateBranch(params: { actor: Account; repo: Repo; number: number; expectedHeadSha?: string }): Commit | null {
    const { actor, repo } = params;
    const pull = this.store.requirePull(repo, params.number);
    if (params.expectedHeadSha !== undefined && params.expectedHeadSha !== pull.head.sha) {
      throw new SandboxError({ status: 422, message: "expected head sha didn’t match current head ref." });
    }
    const baseSha = this.store.ops.git.branchHead(repo, pull.base.ref).sha;
    const comparison = compareCommits({ store: this.store, base: baseSha, head: pull.head.sha });
    if (comparison.conflicts.length > 0) throw new SandboxError({ status: 422, message: "merge conflict between base and head" });
    if (comparison.behindBy === 0) {
      if (this.store.profile === "production") throw new SandboxError({ status: 422, message: "There are no new commits on the base branch." });
      return null;
    }
    const commit = this.store.ops.git.writeCommit({
      parent: pull.head.sha,
      extraParents: [baseSha],
      changes: this.changesToApply(comparison.baseChanges),
      message: `Merge branch '${pull.base.ref}' into ${pull.head.ref}`,
      author: actor,
    });
    this.store.ops.git.moveRef({ actor, repo, ref: `refs/heads/${pull.head.ref}`, to: commit.sha, forced: false });
    return commit;
  }

  /**
   * GitHub deletes a merged pull request's head branch when the repository
   * asks for it — not the default branch, nor a branch another open pull
   * request still comes from; open pull requests into it are retargeted to
   * the merged one's base first
   * (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-the-automatic-deletion-of-branches).
   */
  private deleteHeadBranch(actor: Account, repo: Repo, pull: PullRequest): void {
    const branch = pull.head.ref;
    if (pull.head.repoId !== repo.id || branch === repo.defaultBranch || !repo.refs.has(`refs/heads/${branch}`)) return;
    const open = [...repo.pulls.values()].filter((other) => other !== pull && this.store.requireIssue(repo, other.number).state === "open");
    if (open.some((other) => other.head.ref === branch)) return;
    for (const other of open) {
      if (other.base.ref === branch) this.store.ops.pulls.update({ actor, repo, number: other.number, base: pull.base.ref });
    }
    this.store.ops.git.deleteRef({ actor, repo, ref: `refs/heads/${branch}` });
  }

  private changesToApply(changes: Map<string, string | null>): Record<string, Buffer | null> {
    const out: Record<string, Buffer | null> = {};
    for (const [path, blob] of changes) out[path] = blob === null ? null : (this.store.blobs.get(blob)?.content ?? Buffer.alloc(0));
    return out;
  }

  private closeReferencedIssues(actor: Account, repo: Repo, pull: PullRequest, body: string): void {
    for (const match of body.matchAll(CLOSING_REFERENCE)) {
      const target = repo.issues.get(Number(match[1]));
      if (!target || target.isPullRequest || target.state === "closed" || target.number === pull.number) continue;
      this.store.ops.issues.setState({ actor, repo, issue: target, state: "closed", reason: "completed" });
    }
  }
}
