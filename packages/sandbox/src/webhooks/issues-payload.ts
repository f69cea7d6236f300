import type { Store } from "../store.js";
import type { Account, Issue, Label, Repo, StoreEvent } from "../store-types.js";
import { renderIssue } from "../render/render-issue.js";
import { renderLabel } from "../render/render-label.js";
import { renderUser } from "../render/render-user.js";
import { repoContext } from "./repo-context.js";

/** Actions of the `issues` event the sandbox emits. */
export type IssuesAction =
  | "opened"
  | "edited"
  | "closed"
  | "reopened"
  | "labeled"
  | "unlabeled"
  | "assigned"
  | "unassigned"
  | "deleted";

/**
 * Builds an `issues` webhook. `label` goes with labeled/unlabeled,
 * `assignee` with assigned/unassigned, `changes` with edited.
 */
export function issuesPayload(params: {
  store: Store;
  repo: Repo;
  issue: Issue;
  action: IssuesAction;
  sender: Account;
  label?: Label;
  assignee?: Account;
  changes?: Record<string, { from: unknown }>;
}): StoreEvent {
  const { store, repo, issue, action, sender } = params;
  const payload: Record<string, unknown> = {
    action,
    issue: renderIssue({ store, repo, issue }),
    ...(params.changes ? { changes: params.changes } : {}),
    ...(params.label ? { label: renderLabel({ repo, label: params.label }) } : {}),
    ...(params.assignee ? { assignee: renderUser(params.assignee) } : {}),
    ...repoContext({ repo, sender }),
  };
  return { name: "issues", payload, repoId: repo.id, accountId: null };
}
