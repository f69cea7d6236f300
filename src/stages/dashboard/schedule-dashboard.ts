import type { RepoRef } from "../../github/octokit.js";
import { jobLane } from "../../queue/job.js";
import type { JobDeps } from "../job-deps.js";

/**
 * Asks for the repository's dashboard to be updated soon (SPEC §2: many
 * events in a minute produce one edit). The first request queues a
 * dashboard job `dashboardDelayMs` ahead; requests while it waits are folded
 * into it, on every instance (the queue's coalescing); one made once it has
 * started queues the next.
 */
export async function scheduleDashboard(deps: Pick<JobDeps, "jobs" | "dashboardDelayMs">, at: { installationId: number; repo: RepoRef; deliveryId: string }): Promise<void> {
  if (deps.dashboardDelayMs === null) return;
  const lane = jobLane(at);
  await deps.jobs.enqueue(
    { kind: "dashboard", installationId: at.installationId, repo: at.repo, refs: {}, deliveryId: at.deliveryId, attempt: 1 },
    { id: `dashboard:${lane}:${at.deliveryId}`, coalesce: `dashboard:${lane}`, ...(deps.dashboardDelayMs > 0 ? { delayMs: deps.dashboardDelayMs } : {}) },
  );
}
