import type { Store } from "../store.js";
import type { Account, Issue, Repo, StoreEvent } from "../store-types.js";
import { renderIssue } from "../render/render-issue.js";
import { renderRepo } from "../render/render-repo.js";
import { repoContext } from "./repo-context.js";

/** Actions of the `issue_dependencies` event. */
export type IssueDependenciesAction = "blocked_by_added" | "blocked_by_removed" | "blocking_added" | "blocking_removed";

/**
 * Builds an `issue_dependencies` webhook. `blocked_by_*` actions are sent on
 * the blocked issue's repository and carry `blocking_issue_repo`;
 * `blocking_*` actions on the blocking issue's repository with
 * `blocked_issue_repo` — the same pairing as `sub_issues`.
 *
 * GitHub's description marks `organization` required on these payloads; like
 * every other repository event the sandbox sends it only when the repository
 * belongs to an organisation.
 */
export function issueDependenciesPayload(params: {
  store: Store;
  blocked: Issue;
  blocking: Issue;
  action: IssueDependenciesAction;
  sender: Account;
}): StoreEvent {
  const { store, blocked, blocking, action, sender } = params;
  const blockedRepo = store.repoById(blocked.repoId);
  const blockingRepo = store.repoById(blocking.repoId);
  const onBlocked = action === "blocked_by_added" || action === "blocked_by_removed";
  const repo: Repo = onBlocked ? blockedRepo : blockingRepo;
  const payload: Record<string, unknown> = {
    action,
    blocked_issue_id: blocked.id,
    blocked_issue: renderIssue({ store, repo: blockedRepo, issue: blocked }),
    blocking_issue_id: blocking.id,
    blocking_issue: renderIssue({ store, repo: blockingRepo, issue: blocking }),
    ...(onBlocked ? { blocking_issue_repo: renderRepo(blockingRepo) } : { blocked_issue_repo: renderRepo(blockedRepo) }),
    ...repoContext({ repo, sender }),
  };
  return { name: "issue_dependencies", payload, repoId: repo.id, accountId: null };
}
