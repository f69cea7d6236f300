/** Check suites and check runs. See `../store-types.ts` for the conventions. */
import type { App } from "./app-types.js";

/** Check run status. */
export type CheckStatus = "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";

/** Check run or suite conclusion. */
export type CheckConclusion =
  | "success"
  | "failure"
  | "neutral"
  | "cancelled"
  | "skipped"
  | "timed_out"
  | "action_required"
  | "stale";

/** A check suite: one per (app, head sha). */
export interface CheckSuite {
  id: number;
  nodeId: string;
  repoId: number;
  headSha: string;
  headBranch: string | null;
  /** The app that owns the suite; `null` for the sandbox's CI actor. */
  app: App | null;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Output block of a check run. */
export interface CheckOutput {
  title: string | null;
  summary: string | null;
  text: string | null;
}

/** A check run. */
export interface CheckRun {
  id: number;
  nodeId: string;
  repoId: number;
  suiteId: number;
  name: string;
  headSha: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  startedAt: Date;
  completedAt: Date | null;
  output: CheckOutput;
  externalId: string | null;
  detailsUrl: string | null;
  app: App | null;
}
