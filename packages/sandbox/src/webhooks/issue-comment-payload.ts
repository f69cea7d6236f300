import type { Store } from "../store.js";
import type { Account, Issue, IssueComment, Repo, StoreEvent } from "../store-types.js";
import { renderIssue } from "../render/render-issue.js";
import { renderComment } from "../render/render-comment.js";
import { repoContext } from "./repo-context.js";

/** Builds an `issue_comment` webhook (created, edited with `changes`, deleted). */
export function issueCommentPayload(params: {
  store: Store;
  repo: Repo;
  issue: Issue;
  comment: IssueComment;
  action: "created" | "edited" | "deleted";
  sender: Account;
  changes?: Record<string, { from: unknown }>;
}): StoreEvent {
  const { store, repo, issue, comment, action, sender } = params;
  const payload: Record<string, unknown> = {
    action,
    ...(params.changes ? { changes: params.changes } : {}),
    issue: renderIssue({ store, repo, issue }),
    comment: renderComment({ store, repo, comment }),
    ...repoContext({ repo, sender }),
  };
  return { name: "issue_comment", payload, repoId: repo.id, accountId: null };
}
