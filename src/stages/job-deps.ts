import type { Logger } from "probot";
import type { IdentitySource } from "../github/app-identity.js";
import type { ConfigCache } from "../config/config-cache.js";
import type { Clock } from "../github/clock.js";
import type { Octokit } from "../github/octokit.js";
import type { JobQueue } from "../queue/job-queue.js";
import type { SharedState } from "../queue/shared-state.js";
import type { UserOctokitFactory } from "./dispatch/run-dispatch.js";
import type { FlowObserver } from "./flow-observer.js";
import type { SnapshotCache } from "./monitor/snapshot-cache.js";
import type { StrangerLimit } from "./commands/stranger-limit.js";

/**
 * What a job runs with on whichever instance takes it: nothing here belongs
 * to the webhook that caused the job. The installation's client is built
 * from the id the job carries; state every instance must agree on lives in
 * `state` (Redis with `REDIS_URL`).
 */
export interface JobDeps {
  /** Where jobs go: follow-ups and dashboards are jobs of their own. */
  jobs: JobQueue;
  /** The installation's client, paced and metered. */
  octokitFor(installationId: number): Promise<Octokit>;
  log: Logger;
  /** Time for pacing and plans; tests pass a virtual clock. */
  clock: Clock;
  /** Factory's environment, where member tokens are read by name. */
  env: NodeJS.ProcessEnv;
  /** Acts as a member with their token. */
  userOctokit: UserOctokitFactory;
  /** How agents' own APIs are reached (Jules's sessions); Node's `fetch` when absent, a stand-in in tests. */
  agentFetch?: typeof globalThis.fetch;
  /** Told what dispatch and monitor runs did (metrics). */
  observer?: FlowObserver;
  /** Settled snapshots the monitor leaves for the dashboard. */
  snapshots?: SnapshotCache;
  /** Configs loaded recently, forgotten when a push changes one. */
  configs?: ConfigCache;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: IdentitySource;
  /** Rations answers to authors without the command permission (SPEC §5). */
  strangers: StrangerLimit;
  /** Locks, marks and counters shared by every instance. */
  state: SharedState;
  /** How long dashboard updates are gathered into one edit, in ms; null turns dashboards off. */
  dashboardDelayMs: number | null;
}
