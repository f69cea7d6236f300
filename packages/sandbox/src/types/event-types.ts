/** GraphQL nodes and the change events the store emits. See `../store-types.ts` for the conventions. */
import type { Account } from "./account-types.js";
import type { App, Installation } from "./app-types.js";
import type { CheckRun, CheckSuite } from "./check-types.js";
import type { Commit } from "./git-types.js";
import type { Issue, IssueComment, Label, Reaction } from "./issue-types.js";
import type { PullRequest, Review, ReviewComment, ReviewThread } from "./pull-types.js";
import type { Repo } from "./repo-types.js";
import type { CommitStatus } from "./status-types.js";

/** Anything with a GraphQL node id, tagged so resolvers can tell them apart. */
export type SandboxNode =
  | { kind: "Account"; value: Account }
  | { kind: "Repository"; value: Repo }
  | { kind: "Issue"; value: Issue }
  | { kind: "PullRequest"; value: PullRequest }
  | { kind: "IssueComment"; value: IssueComment }
  | { kind: "Label"; value: Label }
  | { kind: "Reaction"; value: Reaction }
  | { kind: "Review"; value: Review }
  | { kind: "ReviewThread"; value: ReviewThread }
  | { kind: "ReviewComment"; value: ReviewComment }
  | { kind: "Commit"; value: Commit }
  | { kind: "CheckSuite"; value: CheckSuite }
  | { kind: "CheckRun"; value: CheckRun }
  | { kind: "StatusContext"; value: CommitStatus }
  | { kind: "App"; value: App }
  | { kind: "Installation"; value: Installation };

/** A change the store made, named like the webhook GitHub sends for it. */
export interface StoreEvent {
  /** Webhook event name (`issues`, `issue_comment`, …). */
  name: string;
  /** The full webhook payload, without `installation` (added per delivery). */
  payload: Record<string, unknown>;
  /** The repository the event is about, if any: decides which installations hear it. */
  repoId: number | null;
  /** The account the event is about when there is no repository (org-level events). */
  accountId: number | null;
  /** Set when the event goes to exactly one installation (e.g. `installation.created`). */
  installationId?: number;
}
