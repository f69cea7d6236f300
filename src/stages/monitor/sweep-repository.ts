import type { Logger } from "probot";
import { loadThrough } from "../../config/config-cache.js";
import type { Octokit } from "../../github/octokit.js";
import { queueFollowUps } from "../dispatch/run-follow-up.js";
import type { MonitorDeps } from "./on-monitor-event.js";
import { runSync } from "./run-sync.js";
import type { SweepTimes } from "./sweep-times.js";

/** A repository of an installation, as the sweep lists it. */
export interface SweptRepository {
  full_name: string;
  name: string;
  owner: { login: string };
  default_branch: string;
}

/**
 * One repository's sweep job: when it is due by the interval its config gave
 * last time, reconcile it with the same pass as `/factory sync` and schedule
 * its dashboard. `onSwept` is told as soon as the repository counts as swept,
 * before the pass itself, so a failed pass still counts.
 */
export async function sweepRepository(params: {
  deps: MonitorDeps;
  log: Logger;
  lastSwept: SweepTimes;
  octokit: Octokit;
  repository: SweptRepository;
  onSwept: () => void;
}): Promise<void> {
  const { deps, octokit, repository } = params;
  const name = repository.full_name;
  const repo = { owner: repository.owner.login, repo: repository.name };
  // Not due by the interval its config gave last time: nothing to read (a changed interval counts from the next sweep).
  const last = params.lastSwept.get(name);
  if (last !== undefined && deps.clock.now().getTime() - last.at < last.everyMs) return;
  const loaded = await loadThrough(deps.configs, { octokit, ...repo });
  if (!loaded.ok) return;
  const { config } = loaded;
  const now = deps.clock.now();
  const identity = await deps.identity();
  params.lastSwept.set(name, { at: now.getTime(), everyMs: config.monitor.sweepIntervalMinutes * 60_000 });
  params.onSwept();
  deps.dashboards?.schedule({ octokit, repo });
  await runSync({
    octokit,
    repo,
    config,
    identity,
    now,
    log: params.log,
    observer: deps.observer,
    ...(deps.snapshots ? { snapshots: deps.snapshots } : {}),
    followUps: queueFollowUps(deps, { octokit, repo, config, now, delivery: "sweep", defaultBranch: repository.default_branch, log: params.log, identity }),
  });
}
