import type { FailedJob } from "../../queue/job-queue.js";
import type { Budget } from "../dispatch/budget.js";
import type { JournalRecord } from "../monitor/plan-monitor.js";

/** An open pull request of an epic, as the dashboard shows it. */
export interface DashboardPull {
  number: number;
  child: number;
  childTitle: string;
  epic: number;
  type: string;
  severity: string;
  /** What Factory does or waits for next (the monitor's decision). */
  next: string;
  /** CI on the head commit: failing, pending or passing. */
  ci: "failing" | "pending" | "passing" | "none";
  failing: string[];
  /** Requests sent to the agent. */
  cycles: number;
  escalated: boolean;
  /** Why it was escalated, when it was. */
  escalation?: string;
  /** Waiting for a person's review. */
  awaitingReview: boolean;
}

/** An open epic, as the dashboard shows it. */
export interface DashboardEpic {
  number: number;
  title: string;
  branch: string;
  phases: Array<{ number: number; name: string; done: number; total: number }>;
  inFlight: number;
}

/** A child `dispatch next` would leave waiting for an agent's capacity. */
export interface DashboardWait {
  child: number;
  /** The child's title, as its author wrote it. */
  title: string;
  epic: number;
  /** Why, as the dispatch plan says it (`waiting for capacity: …`). */
  reason: string;
}

/** Everything one dashboard render needs, observed from GitHub (and the ledger and journal). */
export interface DashboardData {
  /** `owner/repo`. */
  repo: string;
  now: Date;
  epics: DashboardEpic[];
  pulls: DashboardPull[];
  budget: Budget;
  journal: JournalRecord[];
  /** The repository's background jobs that failed their last attempt lately (none: no section). */
  failedJobs?: readonly FailedJob[];
  /** Children of the open epics waiting for an agent's capacity (none: no section). */
  waiting?: readonly DashboardWait[];
}
