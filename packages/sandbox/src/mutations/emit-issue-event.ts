import type { Store } from "../store.js";
import type { Account, Issue, Label, Repo } from "../store-types.js";
import { issuesPayload, type IssuesAction } from "../webhooks/issues-payload.js";
import { pullRequestPayload } from "../webhooks/pull-request-payload.js";

/**
 * Emits the webhook for a change made through the issues side of an issue or
 * PR: GitHub sends `pull_request` (not `issues`) when the issue is a PR's.
 * `deleted` has no pull-request counterpart; `edited` changes are renamed as
 * GitHub does.
 */
export function emitIssueEvent(params: {
  store: Store;
  repo: Repo;
  issue: Issue;
  action: Exclude<IssuesAction, "deleted"> | "deleted";
  sender: Account;
  label?: Label;
  assignee?: Account;
  changes?: Record<string, { from: unknown }>;
}): void {
  const { store, repo, issue, action } = params;
  const pull = issue.isPullRequest ? repo.pulls.get(issue.number) : undefined;
  if (pull && action !== "deleted") {
    store.emit(pullRequestPayload({ ...params, pull, action: action === "opened" ? "opened" : action }));
    return;
  }
  store.emit(issuesPayload(params));
}
