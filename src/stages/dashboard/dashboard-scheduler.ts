import type { Logger } from "probot";
import type { IdentitySource } from "../../github/app-identity.js";
import type { ConfigCache } from "../../config/config-cache.js";
import type { Clock } from "../../github/clock.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { SnapshotCache } from "../monitor/snapshot-cache.js";
import type { JobQueue } from "../../queue/job-queue.js";
import { runDashboard } from "./run-dashboard.js";
import { enqueueRepoJob } from "../enqueue-repo-job.js";

/**
 * Debounces dashboard updates (SPEC §2: many events in a minute produce one
 * edit): the first request for a repository starts a timer; requests while it
 * runs only swap in the newest client; when it fires, one job on the
 * repository's queue re-renders the dashboard. With no delay (tests), the job
 * is queued at once and requests while it waits are folded into it.
 */
export class DashboardScheduler {
  private readonly pending = new Map<string, { octokit: Octokit; repo: RepoRef; timer?: NodeJS.Timeout }>();

  constructor(private readonly deps: { queue: JobQueue; clock: Clock; log: Logger; delayMs: number; snapshots?: SnapshotCache; configs?: ConfigCache; identity: IdentitySource }) {}

  /** Asks for the repository's dashboard to be updated soon. */
  schedule(params: { octokit: Octokit; repo: RepoRef }): void {
    const key = `${params.repo.owner}/${params.repo.repo}`;
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.octokit = params.octokit;
      return;
    }
    const entry: { octokit: Octokit; repo: RepoRef; timer?: NodeJS.Timeout } = { ...params };
    this.pending.set(key, entry);
    const enqueue = () =>
      enqueueRepoJob({
        queue: this.deps.queue,
        key,
        name: "dashboard",
        deliveryId: `dashboard-${key}`,
        // The newest client, read when the job starts: requests while it waited may have swapped one in.
        get octokit() {
          return entry.octokit;
        },
        repo: entry.repo,
        configs: this.deps.configs,
        log: this.deps.log,
        failed: "Dashboard update failed; the next event or sweep tries again",
        started: () => this.pending.delete(key),
        work: async (config) => {
          await runDashboard({ octokit: entry.octokit, repo: entry.repo, config, identity: await this.deps.identity(), now: this.deps.clock.now(), ...(this.deps.snapshots ? { snapshots: this.deps.snapshots } : {}) });
        },
      });
    if (this.deps.delayMs <= 0) {
      enqueue();
      return;
    }
    entry.timer = setTimeout(enqueue, this.deps.delayMs);
    entry.timer.unref();
  }
}
