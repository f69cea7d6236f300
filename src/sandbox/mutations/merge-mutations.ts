import type { Store } from "../store.js";
import type { Account, Commit, PullRequest, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { compareCommits } from "../git/compare-commits.js";

/** GitHub's closing keywords, followed by a same-repository `#N`. */
const CLOSING_REFERENCE = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;

/** Merging pull requests and bringing their branches up to date. */
export class MergeMutations {
  constructor(private readonly store: Store) {}

  /**
   * `PUT /pulls/{n}/merge` (and auto-merge): 405 when closed, draft or
   * conflicting, 409 when `sha` is not the head. Moves the base branch
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
    const title =
      params.commitTitle ??
      (method === "merge"
        ? `Merge pull request #${pull.number} from ${repo.owner.login}/${pull.head.ref}`
        : `${issue.title} (#${pull.number})`);
    const commit = this.store.ops.git.writeCommit({
      parent: baseSha,
      // A merge commit keeps the head as second parent; squash and rebase
      // (modelled as one commit) leave a linear history.
      extraParents: method === "merge" ? [pull.head.sha] : [],
      changes: this.changesToApply(comparison.headChanges),
      message: params.commitMessage ? `${title}\n\n${params.commitMessage}` : title,
      author: actor,
    });
    const now = this.store.now();
    pull.merged = true;
    pull.mergedAt = now;
    pull.mergedBy = actor;
    pull.mergeCommitSha = commit.sha;
    pull.mergeable = null;
    pull.autoMerge = null;
    this.store.ops.git.moveRef({ actor, repo, ref: `refs/heads/${pull.base.ref}`, to: commit.sha, forced: false });
    this.store.ops.issues.setState({ actor, repo, issue, state: "closed" });
    if (pull.base.ref === repo.defaultBranch) this.closeReferencedIssues(actor, repo, pull, issue.body ?? "");
    return { sha: commit.sha, merged: true, message: "Pull Request successfully merged" };
  }

  /**
   * `PUT /pulls/{n}/update-branch`: merges the base into the head branch.
   * 422 when `expectedHeadSha` is stale or the branches conflict.
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
    if (comparison.behindBy === 0) return null;
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
