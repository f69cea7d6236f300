import type { Context } from "probot";
import { FACTORY_CHECK } from "../../model/factory-check.js";
import { jobLane } from "../../queue/job.js";
import type { JobDeps } from "../job-deps.js";
import { scheduleDashboard } from "../dashboard/schedule-dashboard.js";
import { closingRefs, type EventRefs } from "./find-epics-for-event.js";

/** Events the monitor reacts to (SPEC §1.4). */
export const MONITOR_EVENTS = [
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.closed",
  "pull_request.synchronize",
  "pull_request.edited",
  "pull_request.ready_for_review",
  "pull_request.unlabeled",
  // A merge queue took a pull request out without merging it: its merged result failed.
  "pull_request.dequeued",
  "pull_request_review.submitted",
  "pull_request_review.dismissed",
  "pull_request_review_thread.resolved",
  "pull_request_review_thread.unresolved",
  // check_suite would repeat every check run's news, so only check runs are watched.
  "check_run.completed",
  // CI that reports through commit statuses (Jenkins, Buildkite …) is CI as much as check runs are.
  "status",
  "issues.closed",
  "issues.reopened",
  "push",
] as const;

type MonitorContext = Context<(typeof MONITOR_EVENTS)[number]>;

/**
 * Handler for pull request, review, thread, check and child issue events:
 * queues a monitor job for the epics the event concerns. Bots' events count
 * here (agents are bots, and so is CI); the passes are idempotent, so
 * Factory's own writes settle after one pass. Events for the same branches
 * and issues while a job for them waits to start are folded into that job,
 * on every instance (the queue's coalescing).
 */
export function onMonitorEvent(deps: Pick<JobDeps, "jobs" | "dashboardDelayMs">) {
  return async (context: MonitorContext): Promise<void> => {
    // Factory's own closes and pushes (and other bots') are handled by the pass that made them: a child closed by a
    // pass was ticked in it, and a merge into an epic branch arrives as its pull request's own event.
    if ((context.name === "issues" || context.name === "push") && (context.payload.sender?.type === "Bot" || context.isBot)) return;
    // Factory's own check run reports on a pass; its events would only start another one.
    if (context.name === "check_run" && "check_run" in context.payload && context.payload.check_run?.name === FACTORY_CHECK) return;
    const refs = refsOf(context);
    if (refs.branches.length === 0 && refs.issues.length === 0 && (refs.heads ?? []).length === 0) return;
    const { repository } = context.payload;
    const owner = repository.owner?.login;
    if (!owner) return;
    const repo = { owner, repo: repository.name };
    const installationId = context.payload.installation?.id ?? 0;
    const slot = `${jobLane({ repo })}:${refs.branches.join(",")}:${refs.issues.join(",")}:${(refs.heads ?? []).join(",")}`;
    const added = await deps.jobs.enqueue(
      { kind: "monitor", installationId, repo, refs: { ...refs, defaultBranch: repository.default_branch }, deliveryId: context.id, attempt: 1 },
      { id: `monitor:${context.id}`, coalesce: `monitor:${slot}` },
    );
    if (added) await scheduleDashboard(deps, { installationId, repo, deliveryId: context.id });
  };
}

/** Where a pull request's refs are read: tolerant of missing parts (a hostile or truncated payload). */
interface PullSides {
  base?: { ref?: string };
  head?: { ref?: string };
}

function refsOf(context: MonitorContext): EventRefs {
  const { payload } = context;
  const branches: string[] = [];
  const issues: number[] = [];
  const heads: string[] = [];
  const defaultBranch = payload.repository?.default_branch;
  // The side of a pull request that can be an epic branch: its base, or its head when it targets the default branch
  // (the epic's own pull request). Keying on it folds a burst of events for one epic into one pass.
  const epicSide = (pr: PullSides) => (pr.base?.ref && pr.base.ref !== defaultBranch ? pr.base.ref : pr.head?.ref);
  const pull = "pull_request" in payload ? payload.pull_request : undefined;
  if (pull) {
    const side = epicSide(pull);
    if (side) branches.push(side);
    // A pull request on the default branch may be an agent's on the wrong base: the children it names lead to their epic.
    if (pull.base?.ref === defaultBranch) issues.push(...closingRefs(pull.body));
  }
  // A status names the branches holding its commit (their pull requests' heads); the job looks up their bases.
  if (context.name === "status" && "branches" in payload) heads.push(...(payload.branches ?? []).map((b) => b.name ?? "").filter(Boolean).slice(0, 10));
  const run = "check_run" in payload ? payload.check_run : undefined;
  for (const pr of run?.pull_requests ?? []) {
    const side = epicSide(pr);
    if (side) branches.push(side);
  }
  // A push to an epic branch (a sibling merged, a person committed) can make its pull requests behind or conflicting.
  if (context.name === "push" && "ref" in payload && typeof payload.ref === "string" && payload.ref.startsWith("refs/heads/")) branches.push(payload.ref.slice("refs/heads/".length));
  const issue = "issue" in payload ? payload.issue : undefined;
  if (issue?.number && !issue.pull_request && context.name === "issues") issues.push(issue.number);
  return { branches: [...new Set(branches)], issues: [...new Set(issues)], heads: [...new Set(heads)] };
}
