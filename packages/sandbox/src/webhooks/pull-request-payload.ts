import type { Store } from "../store.js";
import type { Account, Label, PullRequest, Repo, StoreEvent } from "../store-types.js";
import { renderPull } from "../render/render-pull.js";
import { renderLabel } from "../render/render-label.js";
import { renderUser } from "../render/render-user.js";
import { repoContext } from "./repo-context.js";

/** Actions of the `pull_request` event the sandbox emits. */
export type PullRequestAction =
  | "opened"
  | "edited"
  | "closed"
  | "reopened"
  | "synchronize"
  | "labeled"
  | "unlabeled"
  | "assigned"
  | "unassigned"
  | "ready_for_review"
  | "converted_to_draft"
  | "auto_merge_enabled"
  | "auto_merge_disabled"
  | "review_requested"
  | "enqueued"
  | "dequeued";

/**
 * Builds a `pull_request` webhook; `before`/`after` go with synchronize,
 * `label` with (un)labeled, `assignee` with (un)assigned, `changes` with edited.
 */
export function pullRequestPayload(params: {
  store: Store;
  repo: Repo;
  pull: PullRequest;
  action: PullRequestAction;
  sender: Account;
  label?: Label;
  assignee?: Account;
  requestedReviewer?: Account;
  changes?: Record<string, unknown>;
  before?: string;
  after?: string;
  reason?: string;
}): StoreEvent {
  const { store, repo, pull, action, sender } = params;
  const payload: Record<string, unknown> = {
    action,
    number: pull.number,
    ...(params.changes ? { changes: params.changes } : {}),
    ...(params.before !== undefined ? { before: params.before, after: params.after } : {}),
    pull_request: renderPull({ store, repo, pull }),
    ...(params.label ? { label: renderLabel({ repo, label: params.label }) } : {}),
    ...(params.assignee ? { assignee: renderUser(params.assignee) } : {}),
    ...(params.requestedReviewer ? { requested_reviewer: renderUser(params.requestedReviewer) } : {}),
    ...(params.reason !== undefined ? { reason: params.reason } : {}),
    ...repoContext({ repo, sender }),
  };
  return { name: "pull_request", payload, repoId: repo.id, accountId: null };
}
