/** Commit statuses (https://docs.github.com/en/rest/commits/statuses). See `../store-types.ts` for the conventions. */
import type { Account } from "./account-types.js";

/** The state of one commit status. */
export type CommitStatusState = "error" | "failure" | "pending" | "success";

/**
 * One commit status: CI that reports through statuses (Jenkins, Buildkite,
 * …) posts a new one per change of state; the latest per context counts.
 */
export interface CommitStatus {
  id: number;
  nodeId: string;
  repoId: number;
  sha: string;
  state: CommitStatusState;
  /** Told apart case-insensitively; GitHub's default is `default`. */
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: Account;
  createdAt: Date;
  updatedAt: Date;
}
