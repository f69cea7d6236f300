import type { Store } from "../store.js";
import type { Account, Issue, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { issueDependenciesPayload } from "../webhooks/issue-dependencies-payload.js";

/**
 * GitHub's dependency limit: 50 issues in each direction (an issue can be
 * blocked by 50 issues and can block 50). Closed issues count, as they do for
 * sub-issues.
 * https://github.blog/changelog/2025-08-21-dependencies-on-issues/
 */
export const ISSUE_DEPENDENCY_LIMITS = { perDirection: 50 } as const;

function rejected(message: string): SandboxError {
  return new SandboxError({
    status: 422,
    message: "Validation Failed",
    errors: [{ resource: "Issue", code: "custom", field: "issue_id", message }],
  });
}

/**
 * "Blocked by" / "blocking" links between issues. Like sub-issues, the blocking
 * issue is named by its numeric id, not its number, and may live in another
 * repository. Each link is kept on both issues (`blockedByIds` on the blocked
 * one, `blockingIds` on the blocker).
 */
export class IssueDependencyMutations {
  constructor(private readonly store: Store) {}

  /** The issues blocking `issue`, in the order they were added. */
  blockedByOf(issue: Issue): Issue[] {
    return this.resolve(issue.blockedByIds);
  }

  /** The issues `issue` blocks, in the order they were added. */
  blockingOf(issue: Issue): Issue[] {
    return this.resolve(issue.blockingIds);
  }

  /**
   * Marks issue `number` in `repo` as blocked by issue `blockingId`. 422 for an
   * unknown id (or one in a repository `canRead` refuses, so existence does not
   * leak), a pull request on either side, the issue itself, a link that
   * already exists, or the 51st link in either direction. Emits
   * `issue_dependencies.blocked_by_added` (on the blocked issue's repository)
   * and `blocking_added` (on the blocker's). Returns the blocking issue.
   */
  add(params: { actor: Account; repo: Repo; number: number; blockingId: number; canRead?: (repo: Repo) => boolean }): Issue {
    const { actor, repo } = params;
    const blocked = this.store.requireIssue(repo, params.number);
    const blocking = this.store.issuesById.get(params.blockingId);
    if (!blocking || !(params.canRead?.(this.store.repoById(blocking.repoId)) ?? true)) {
      throw rejected(`Could not resolve to an issue with the id of ${params.blockingId}`);
    }
    if (blocked.isPullRequest) throw rejected("Source issue may only be an issue");
    if (blocking.isPullRequest) throw rejected("Target issue may only be an issue");
    if (blocking.id === blocked.id) throw rejected("An issue cannot be blocked by itself");
    if (blocked.blockedByIds.includes(blocking.id)) throw rejected("Issue is already blocked by this issue");
    const max = ISSUE_DEPENDENCY_LIMITS.perDirection;
    if (blocked.blockedByIds.length >= max) throw rejected(`An issue cannot be blocked by more than ${max} issues`);
    if (blocking.blockingIds.length >= max) throw rejected(`An issue cannot block more than ${max} issues`);
    blocked.blockedByIds.push(blocking.id);
    blocking.blockingIds.push(blocked.id);
    this.touch(blocked, blocking);
    this.store.emit(issueDependenciesPayload({ store: this.store, blocked, blocking, action: "blocked_by_added", sender: actor }));
    this.store.emit(issueDependenciesPayload({ store: this.store, blocked, blocking, action: "blocking_added", sender: actor }));
    return blocking;
  }

  /**
   * Removes the link "issue `number` is blocked by issue `blockingId`" (404 when
   * there is none). Emits `blocked_by_removed` and `blocking_removed`. Returns
   * the issue that was blocking.
   */
  remove(params: { actor: Account; repo: Repo; number: number; blockingId: number }): Issue {
    const blocked = this.store.requireIssue(params.repo, params.number);
    const blocking = this.store.issuesById.get(params.blockingId);
    if (!blocking || !blocked.blockedByIds.includes(blocking.id)) throw new SandboxError({ status: 404, message: "Not Found" });
    blocked.blockedByIds = blocked.blockedByIds.filter((id) => id !== blocking.id);
    blocking.blockingIds = blocking.blockingIds.filter((id) => id !== blocked.id);
    this.touch(blocked, blocking);
    this.store.emit(issueDependenciesPayload({ store: this.store, blocked, blocking, action: "blocked_by_removed", sender: params.actor }));
    this.store.emit(issueDependenciesPayload({ store: this.store, blocked, blocking, action: "blocking_removed", sender: params.actor }));
    return blocking;
  }

  /** Drops every link of an issue that is being deleted, without webhooks. */
  forget(issue: Issue): void {
    for (const other of this.blockedByOf(issue)) other.blockingIds = other.blockingIds.filter((id) => id !== issue.id);
    for (const other of this.blockingOf(issue)) other.blockedByIds = other.blockedByIds.filter((id) => id !== issue.id);
    issue.blockedByIds = [];
    issue.blockingIds = [];
  }

  private resolve(ids: number[]): Issue[] {
    return ids.map((id) => this.store.issuesById.get(id)).filter((i): i is Issue => i !== undefined);
  }

  private touch(...issues: Issue[]): void {
    const now = this.store.now();
    for (const issue of issues) issue.updatedAt = now;
  }
}
