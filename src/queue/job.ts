import type { RepoRef } from "../github/octokit.js";
import type { ParsedCommand } from "../stages/commands/command.js";
import type { EventRefs } from "../stages/monitor/find-epics-for-event.js";

/**
 * A unit of background work as plain data: what to do, for which
 * installation and repository, and what caused it. Nothing in it is a
 * closure or a client, so a job can wait in Redis, survive a restart and run
 * on any instance: the worker builds its Octokit from `installationId`.
 */
export type Job = CommandJob | AuditJob | MonitorJob | DispatchNextJob | SweepJob | DashboardJob | OrgDashboardJob;

/** The kinds of job, for logs and metrics. */
export type JobKind = Job["kind"];

/** What every job carries. */
interface JobOf<K extends string, R> {
  kind: K;
  /** The installation whose token the worker acts with. */
  installationId: number;
  /** The repository the job works on; also its lane: jobs of one repository never overlap. */
  repo: RepoRef;
  /** What the job is about, by kind. */
  refs: R;
  /** The webhook delivery (or timer tick) that caused the job, for logs and deduplication. */
  deliveryId: string;
  /** 1 on the first run, then one more on each retry (set by the queue). */
  attempt: number;
}

/** `/factory` commands in one comment. */
export type CommandJob = JobOf<"command", { issue: number; comment: { id: number; createdAt: string; author: string }; commands: ParsedCommand[]; language: string | null; defaultBranch: string }>;

/** An audit issue was opened, labelled or edited, or Factory's reading of it was edited. */
export type AuditJob = JobOf<
  "audit",
  {
    issue: { number: number; title: string; labels: Array<string | { name?: string }> };
    labelAdded?: string;
    sender: string;
    language: string | null;
    /** An edit started it: of the audit's body, or of Factory's reading of it (with the reading's text before the edit). */
    edited?: { kind: "body" } | { kind: "reading"; comment: number; before: string | null };
  }
>;

/** A monitor pass on the epics an event concerns. */
export type MonitorJob = JobOf<"monitor", EventRefs & { defaultBranch: string }>;

/** The next phase of an epic, through the dispatch flow. */
export type DispatchNextJob = JobOf<"dispatchNext", { epic: number; defaultBranch: string }>;

/** One repository's periodic reconcile; `round` names the sweep tick so the organisation's dashboard follows the last one. */
export type SweepJob = JobOf<"sweep", { defaultBranch: string; round: string; org?: string }>;

/** A repository's dashboard issue. */
export type DashboardJob = JobOf<"dashboard", Record<string, never>>;

/** An organisation's dashboard, on its `.github` repository, over the repositories listed. */
export type OrgDashboardJob = JobOf<"orgDashboard", { repos: string[] }>;

/** The lane a job runs on: its repository, in lower case. */
export function jobLane(job: Pick<Job, "repo">): string {
  return `${job.repo.owner}/${job.repo.repo}`.toLowerCase();
}
