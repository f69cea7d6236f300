import type { PullSnapshot } from "./pull-snapshot.js";

export interface RawPull {
  id: string;
  number: number;
  state: "OPEN" | "CLOSED" | "MERGED";
  isDraft: boolean;
  baseRefName: string;
  headRefName: string;
  headRefOid: string;
  body: string | null;
  createdAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  author: { __typename?: string; login: string } | null;
  mergeable?: PullSnapshot["mergeable"];
  mergeStateStatus?: string;
  reviewDecision?: PullSnapshot["reviewDecision"];
  autoMergeRequest: { enabledAt: string | null } | null;
  isInMergeQueue?: boolean;
  labels?: { nodes: Array<{ name: string }> };
  headRef?: { target: { committedDate?: string } | null } | null;
  statusCheckRollup?: {
    contexts: { nodes: RawContext[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
  reviewThreads?: { nodes: Array<{ id: string; isResolved: boolean; comments?: { nodes: Array<{ createdAt: string }> } }> };
  comments: { nodes: Array<{ author: { __typename: string; login: string } | null; body: string; createdAt: string }> };
}

export interface RawContext {
  __typename: string;
  databaseId?: number;
  name?: string;
  status?: string;
  conclusion?: string | null;
  summary?: string | null;
  context?: string;
  state?: string;
}

export interface RawIssue {
  number: number;
  title: string;
  state: "OPEN" | "CLOSED";
  stateReason: string | null;
  body: string;
  labels: { nodes: Array<{ name: string }> };
  author?: { __typename?: string; login: string } | null;
}
