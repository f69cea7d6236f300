import type { Store } from "../store.js";
import type { Account, Issue, Repo, StoreEvent } from "../store-types.js";
import { renderIssue } from "../render/render-issue.js";
import { renderRepo } from "../render/render-repo.js";
import { repoContext } from "./repo-context.js";

/** Actions of the `sub_issues` event. */
export type SubIssuesAction = "sub_issue_added" | "sub_issue_removed" | "parent_issue_added" | "parent_issue_removed";

/**
 * Builds a `sub_issues` webhook. `sub_issue_*` actions are sent on the
 * parent's repository and carry `sub_issue_repo`; `parent_issue_*` actions on
 * the child's repository with `parent_issue_repo`.
 */
export function subIssuesPayload(params: {
  store: Store;
  parent: Issue;
  child: Issue;
  action: SubIssuesAction;
  sender: Account;
}): StoreEvent {
  const { store, parent, child, action, sender } = params;
  const parentRepo = store.repoById(parent.repoId);
  const childRepo = store.repoById(child.repoId);
  const aboutChild = action === "sub_issue_added" || action === "sub_issue_removed";
  const repo: Repo = aboutChild ? parentRepo : childRepo;
  const payload: Record<string, unknown> = {
    action,
    sub_issue_id: child.id,
    sub_issue: renderIssue({ store, repo: childRepo, issue: child }),
    parent_issue_id: parent.id,
    parent_issue: renderIssue({ store, repo: parentRepo, issue: parent }),
    ...(aboutChild ? { sub_issue_repo: renderRepo(childRepo) } : { parent_issue_repo: renderRepo(parentRepo) }),
    ...repoContext({ repo, sender }),
  };
  return { name: "sub_issues", payload, repoId: repo.id, accountId: null };
}
