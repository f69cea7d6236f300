import type { Logger } from "probot";
import { loadThrough } from "../../config/config-cache.js";
import type { Octokit } from "../../github/octokit.js";
import { jobLane, type SweepJob } from "../../queue/job.js";
import type { Attempt } from "../../queue/job-queue.js";
import { scheduleDashboard } from "../dashboard/schedule-dashboard.js";
import { queueFollowUps } from "../dispatch/run-follow-up.js";
import type { JobDeps } from "../job-deps.js";
import { runSync } from "./run-sync.js";
import { ROUND_TTL_MS, sweepAnyKey, sweepLeftKey, sweepReposKey } from "./sweep.js";

/** When a repository was last swept, and its interval then, as kept in the shared state. */
interface LastSweep {
  at: number;
  everyMs: number;
}

/**
 * One repository's sweep job: when it is due by the interval its config gave
 * last time (kept in the shared state, so any instance knows), reconcile it
 * with the same pass as `/factory sync` and schedule its dashboard. A failed
 * pass is logged and not retried: the next sweep tries again. Whatever
 * happened, the job counts the repository off its round, once; the job that
 * counts the last one queues the organisation's dashboard, if any
 * repository of the round was due.
 */
export async function runSweepJob(job: SweepJob, deps: JobDeps, run: { octokit: Octokit; log: Logger; attempt: Attempt }): Promise<void> {
  const { octokit, log } = run;
  const { repo, refs } = job;
  const lane = jobLane(job);
  try {
    const last = parse(await deps.state.get(`swept:${lane}`));
    // Not due by the interval its config gave last time: nothing to read (a changed interval counts from the next sweep).
    if (last !== undefined && deps.clock.now().getTime() - last.at < last.everyMs) return;
    const loaded = await loadThrough(deps.configs, { octokit, ...repo });
    if (!loaded.ok) return;
    const { config } = loaded;
    const now = deps.clock.now();
    const everyMs = config.monitor.sweepIntervalMinutes * 60_000;
    await deps.state.set(`swept:${lane}`, JSON.stringify({ at: now.getTime(), everyMs } satisfies LastSweep), everyMs);
    if (refs.org) await deps.state.set(sweepAnyKey(refs.round, refs.org), "1", ROUND_TTL_MS);
    await scheduleDashboard(deps, { installationId: job.installationId, repo, deliveryId: job.deliveryId });
    await runSync({
      octokit,
      repo,
      config,
      identity: await deps.identity(),
      now,
      log,
      observer: deps.observer,
      members: { env: deps.env, userOctokit: deps.userOctokit, ...(deps.agentFetch ? { agentFetch: deps.agentFetch } : {}) },
      ...(deps.snapshots ? { snapshots: deps.snapshots } : {}),
      followUps: queueFollowUps(deps, { installationId: job.installationId, repo, deliveryId: "sweep", defaultBranch: refs.defaultBranch }),
    });
  } catch (error) {
    log.error({ err: error, repo: lane }, "Sweep failed for a repository; the next sweep tries again");
  } finally {
    await countOff(job, deps).catch((error: unknown) => log.error({ err: error }, "Could not count the repository off its sweep round"));
  }
}

/** Counts the repository off its round (once, even when the job runs again) and queues the organisation's dashboard after the last. */
async function countOff(job: SweepJob, deps: JobDeps): Promise<void> {
  const { org, round } = job.refs;
  if (!org) return;
  if (!(await deps.state.claim(`sweep-counted:${round}:${jobLane(job)}`, ROUND_TTL_MS))) return;
  const left = await deps.state.add(sweepLeftKey(round, org), -1, ROUND_TTL_MS);
  if (left !== 0 || (await deps.state.get(sweepAnyKey(round, org))) === undefined) return;
  const repos = JSON.parse((await deps.state.get(sweepReposKey(round, org))) ?? "[]") as string[];
  await deps.jobs.enqueue(
    { kind: "orgDashboard", installationId: job.installationId, repo: { owner: org, repo: ".github" }, refs: { repos }, deliveryId: `sweep-org-${org}`, attempt: 1 },
    { id: `orgDashboard:${org.toLowerCase()}:${round}` },
  );
}

function parse(value: string | undefined): LastSweep | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<LastSweep>;
    return typeof parsed.at === "number" && typeof parsed.everyMs === "number" ? { at: parsed.at, everyMs: parsed.everyMs } : undefined;
  } catch {
    return undefined;
  }
}
