/** Issues, their comments, labels and reactions. See `../store-types.ts` for the conventions. */
import type { Account } from "./account-types.js";

/** A repository label. */
export interface Label {
  id: number;
  nodeId: string;
  name: string;
  /** Six hex digits without `#`. */
  color: string;
  description: string | null;
  default: boolean;
}

/** One of the eight reactions GitHub offers. */
export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

/** A reaction on an issue, pull request or comment. */
export interface Reaction {
  id: number;
  nodeId: string;
  content: ReactionContent;
  user: Account;
  createdAt: Date;
}

/**
 * What an assignment to Copilot asked of it: the `agent_assignment` body
 * field of `POST /issues/{n}/assignees`
 * (https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/create-a-pr#using-the-rest-api).
 * Sandbox-internal: GitHub renders it nowhere, so neither do REST, GraphQL
 * or webhooks; the simulated Copilot reads it when the assignment reaches it.
 */
export interface AgentAssignment {
  /** `owner/name` of the repository to work in (only the issue's own is modelled). */
  targetRepo: string | null;
  /** The branch to start from and open the pull request against; null: the default branch. */
  baseBranch: string | null;
  customInstructions: string | null;
  customAgent: string | null;
  model: string | null;
}

/** Why an issue is in its state (`state_reason`). */
export type StateReason = "completed" | "not_planned" | "reopened" | "duplicate";

/** An issue or the issue half of a pull request (they share one number sequence). */
export interface Issue {
  id: number;
  nodeId: string;
  number: number;
  /** Id of the repository the issue lives in. */
  repoId: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: StateReason | null;
  labels: Label[];
  assignees: Account[];
  author: Account;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedBy: Account | null;
  /** Each time the issue was reopened, and by whom, oldest first (its timeline's `ReopenedEvent`s). */
  reopenings: Array<{ at: Date; actor: Account }>;
  locked: boolean;
  activeLockReason: string | null;
  reactions: Reaction[];
  /** Set when this issue is the issue half of a pull request. */
  isPullRequest: boolean;
  /** Ids (not numbers) of sub-issues, in the order they were added. */
  subIssueIds: number[];
  /** Id of the parent issue, when this is a sub-issue. */
  parentId: number | null;
  /** Ids (not numbers) of the issues blocking this one, in the order they were added. */
  blockedByIds: number[];
  /** Ids of the issues this one blocks, in the order they were added (the inverse of `blockedByIds`). */
  blockingIds: number[];
  /**
   * What the latest assignment of Copilot carried (`agent_assignment`), set
   * before its `assigned` event is emitted; null when that assignment carried
   * nothing or Copilot was never assigned. Not rendered anywhere.
   */
  agentAssignment: AgentAssignment | null;
}

/** A comment on an issue or pull request conversation. */
export interface IssueComment {
  id: number;
  nodeId: string;
  repoId: number;
  issueNumber: number;
  body: string;
  author: Account;
  createdAt: Date;
  updatedAt: Date;
  reactions: Reaction[];
}
