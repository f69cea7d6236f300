/** The pull-request half of a PR: refs, reviews, threads, merge state. See `../store-types.ts` for the conventions. */
import type { Account } from "./account-types.js";

/** `mergeable_state` values the sandbox models. */
export type MergeableState = "clean" | "dirty" | "behind" | "blocked" | "unstable" | "unknown" | "draft";

/** One side of a pull request. */
export interface PullRef {
  ref: string;
  sha: string;
  repoId: number;
}

/** Auto-merge settings of a pull request. */
export interface AutoMerge {
  enabledBy: Account;
  mergeMethod: "merge" | "squash" | "rebase";
  commitTitle: string | null;
  commitMessage: string | null;
  /** When it was switched on. */
  enabledAt?: Date;
}

/** A submitted (or pending) review. */
export interface Review {
  id: number;
  nodeId: string;
  user: Account;
  body: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  commitId: string;
  submittedAt: Date | null;
}

/** A comment inside a review thread. */
export interface ReviewComment {
  id: number;
  nodeId: string;
  reviewId: number | null;
  body: string;
  author: Account;
  path: string;
  line: number | null;
  commitId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A review thread on a pull request. */
export interface ReviewThread {
  id: number;
  nodeId: string;
  path: string;
  line: number | null;
  /** The head commit the thread was opened at. */
  commitId: string;
  isResolved: boolean;
  resolvedBy: Account | null;
  comments: ReviewComment[];
  createdAt: Date;
}

/** The pull-request half: everything a PR has beyond its issue. */
export interface PullRequest {
  id: number;
  nodeId: string;
  number: number;
  repoId: number;
  head: PullRef;
  base: PullRef;
  draft: boolean;
  merged: boolean;
  mergedAt: Date | null;
  mergedBy: Account | null;
  mergeCommitSha: string | null;
  /** `null` while GitHub is still computing it. */
  mergeable: boolean | null;
  mergeableState: MergeableState;
  /**
   * Production profile: until this time GitHub is still computing
   * mergeability (`mergeable` null, state `unknown`); `null` when known.
   */
  mergeabilityDueAt?: Date | null;
  autoMerge: AutoMerge | null;
  requestedReviewers: Account[];
  reviews: Review[];
  threads: ReviewThread[];
  maintainerCanModify: boolean;
  /** Each time a merge queue removed it without merging (GraphQL `RemovedFromMergeQueueEvent`), oldest first. */
  queueRemovals?: Array<{ at: Date; reason: string; headSha: string; actor: Account; enqueuer: Account }>;
}
