import type { BaseRules } from "./base-rules.js";

/** The kinds of request Factory makes to an agent on its pull request. */
export const NUDGE_KINDS = ["checks", "reviews", "conflict"] as const;
/** One of {@link NUDGE_KINDS}. */
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** A request Factory made earlier, read back from its own hidden marker. */
export interface Nudge {
  kind: NudgeKind;
  /** The head commit the request was about; a newer head commit is the agent's answer. */
  sha: string;
  at: string;
  /** The agent asked to resolve a conflict the pull request's own agent left (`monitor.conflictResolver`), for such a request. */
  resolver?: string;
}

/** Conclusions that count as passed. */
export const PASSED_CONCLUSIONS: ReadonlySet<string> = new Set(["SUCCESS", "NEUTRAL", "SKIPPED"]);

/** Whether every check has finished and passed (true for none: whether CI has reported at all is asked apart). */
export function checksPassed(checks: readonly CheckState[]): boolean {
  return checks.every((check) => check.status === "COMPLETED" && PASSED_CONCLUSIONS.has(check.conclusion ?? ""));
}

/** A check run on the head commit: its name and outcome only. */
export interface CheckState {
  name: string;
  /** `COMPLETED`, or still queued / in progress. */
  status: string;
  /** `SUCCESS`, `FAILURE`, `NEUTRAL`, … once completed. */
  conclusion: string | null;
}

/**
 * A pull request as the monitor sees it: structural state only (SPEC §1.4).
 * Nothing here is text written by an agent or a reviewer except Factory's own
 * markers.
 */
export interface PullSnapshot {
  number: number;
  nodeId: string;
  state: "OPEN" | "CLOSED" | "MERGED";
  isDraft: boolean;
  base: string;
  head: string;
  headSha: string;
  headCommittedAt: string;
  author: string;
  mergeable: "MERGEABLE" | "CONFLICTING" | "UNKNOWN";
  mergeStateStatus: string;
  reviewDecision: "APPROVED" | "CHANGES_REQUESTED" | "REVIEW_REQUIRED" | null;
  /**
   * Unresolved review threads. When each was opened is read only while a
   * request about reviews has been answered by a newer commit (see
   * {@link answeredReviews}), the one time it matters: GraphQL points are
   * spent per connection, and a thread's time costs one per thread.
   */
  unresolvedThreads: Array<{ id: string; createdAt?: string }>;
  /** Check runs and commit statuses (by context) on the head commit, Factory's own check run left out. */
  checks: CheckState[];
  /**
   * Approving reviews on the current head by people with write access, with
   * no such person's changes requested: read only where GitHub gives no
   * review decision (a base branch without a review rule).
   */
  approvals?: number;
  autoMerge: boolean;
  /** The repository's `allow_auto_merge` setting (`autoMergeAllowed`), where read. */
  repoAutoMergeAllowed?: boolean;
  /** What the base branch demands (required checks, a merge queue); none when not read. */
  baseRules?: BaseRules;
  /** The pull request waits in its base branch's merge queue. */
  inMergeQueue?: boolean;
  /**
   * The last time a merge queue took it out without merging (its merged
   * result failed CI, timed out or conflicted): read only for pull requests
   * into a branch with a merge queue that are not in it.
   */
  queueRemoval?: { sha: string; reason: string };
  labels: string[];
  /** Factory's earlier requests on this pull request, oldest first. */
  nudges: Nudge[];
  /** Factory's own "Factory" check run on the head commit, when there is one. */
  factoryCheck?: { id: number; summary: string };
  mergedAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

/** Factory asked about reviews, and the agent has pushed a newer commit since: its answer. */
export function answeredReviews(pull: Pick<PullSnapshot, "nudges" | "headSha">): boolean {
  return pull.nudges.some((nudge) => nudge.kind === "reviews" && nudge.sha !== pull.headSha);
}
