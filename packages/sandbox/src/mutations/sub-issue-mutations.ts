import type { Store } from "../store.js";
import type { Account, Issue, Repo } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { subIssuesPayload } from "../webhooks/sub-issues-payload.js";

/**
 * GitHub's sub-issue limits: 100 children a parent (closed ones count) and 8
 * levels of nesting.
 * https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/adding-sub-issues
 */
export const SUB_ISSUE_LIMITS = { perParent: 100, depth: 8 } as const;

function rejected(message: string): SandboxError {
  return new SandboxError({
    status: 422,
    message: "Validation Failed",
    errors: [{ resource: "Issue", code: "custom", field: "sub_issue_id", message }],
  });
}

/** Parent/child links between issues; children are addressed by id, not number. */
export class SubIssueMutations {
  constructor(private readonly store: Store) {}

  /** The children of an issue, in order. */
  childrenOf(issue: Issue): Issue[] {
    return issue.subIssueIds.map((id) => this.store.issuesById.get(id)).filter((i): i is Issue => i !== undefined);
  }

  /**
   * Links issue `childId` under `parentNumber`; 422 for a PR, a second
   * parent (unless `replaceParent`), a cycle, the 101st child or a ninth
   * level. Emits `sub_issue_added` and `parent_issue_added`. Returns the parent.
   */
  add(params: { actor: Account; repo: Repo; parentNumber: number; childId: number; replaceParent?: boolean }): Issue {
    const { actor, repo } = params;
    const parent = this.store.requireIssue(repo, params.parentNumber);
    const child = this.store.issuesById.get(params.childId);
    if (!child) throw new SandboxError({ status: 404, message: "Not Found" });
    const childRepo = this.store.repoById(child.repoId);
    if (childRepo.owner.id !== repo.owner.id) throw rejected("The sub-issue must belong to the same repository owner as the parent issue");
    if (child.isPullRequest || parent.isPullRequest) throw rejected("Pull requests cannot be sub-issues or parents");
    if (child.id === parent.id) throw rejected("An issue cannot be its own sub-issue");
    if (child.parentId === parent.id) throw rejected("Issue may not contain duplicate sub-issues");
    if (child.parentId !== null && !params.replaceParent) throw rejected("Sub issue may only have one parent");
    if (this.ancestorsOf(parent).some((a) => a.id === child.id)) throw rejected("Sub issue cannot be an ancestor of its parent");
    if (parent.subIssueIds.length >= SUB_ISSUE_LIMITS.perParent) {
      throw rejected(`Parent cannot have more than ${SUB_ISSUE_LIMITS.perParent} sub-issues`);
    }
    if (this.ancestorsOf(parent).length + 1 + this.heightOf(child) > SUB_ISSUE_LIMITS.depth) {
      throw rejected(`Sub-issues cannot be nested more than ${SUB_ISSUE_LIMITS.depth} levels deep`);
    }
    const previous = child.parentId === null ? undefined : this.store.issuesById.get(child.parentId);
    if (previous) this.unlink({ actor, parent: previous, child });
    parent.subIssueIds.push(child.id);
    child.parentId = parent.id;
    const now = this.store.now();
    parent.updatedAt = now;
    child.updatedAt = now;
    this.store.emit(subIssuesPayload({ store: this.store, parent, child, action: "sub_issue_added", sender: actor }));
    this.store.emit(subIssuesPayload({ store: this.store, parent, child, action: "parent_issue_added", sender: actor }));
    return parent;
  }

  /** Unlinks issue `childId` from `parentNumber` (404 when it is not a child). Returns the parent. */
  remove(params: { actor: Account; repo: Repo; parentNumber: number; childId: number }): Issue {
    const parent = this.store.requireIssue(params.repo, params.parentNumber);
    const child = this.store.issuesById.get(params.childId);
    if (!child || child.parentId !== parent.id) throw new SandboxError({ status: 404, message: "Not Found" });
    this.unlink({ actor: params.actor, parent, child });
    return parent;
  }

  private unlink(params: { actor: Account; parent: Issue; child: Issue }): void {
    const { actor, parent, child } = params;
    parent.subIssueIds = parent.subIssueIds.filter((id) => id !== child.id);
    child.parentId = null;
    const now = this.store.now();
    parent.updatedAt = now;
    child.updatedAt = now;
    this.store.emit(subIssuesPayload({ store: this.store, parent, child, action: "sub_issue_removed", sender: actor }));
    this.store.emit(subIssuesPayload({ store: this.store, parent, child, action: "parent_issue_removed", sender: actor }));
  }

  private ancestorsOf(issue: Issue): Issue[] {
    const chain: Issue[] = [];
    let current = issue.parentId === null ? undefined : this.store.issuesById.get(issue.parentId);
    while (current && !chain.includes(current)) {
      chain.push(current);
      current = current.parentId === null ? undefined : this.store.issuesById.get(current.parentId);
    }
    return chain;
  }

  /** Levels in the subtree rooted at `issue`, itself included. */
  private heightOf(issue: Issue): number {
    const children = this.childrenOf(issue);
    return 1 + (children.length === 0 ? 0 : Math.max(...children.map((c) => this.heightOf(c))));
  }
}
