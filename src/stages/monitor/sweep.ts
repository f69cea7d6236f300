import type { Logger, Probot } from "probot";
import { loadThrough } from "../../config/config-cache.js";
import type { Octokit } from "../../github/octokit.js";
import type { MonitorDeps } from "./on-monitor-event.js";
import { runOrgDashboard } from "../dashboard/run-org-dashboard.js";
import { sweepRepository } from "./sweep-repository.js";
import { DELIVERY_LOG_DAYS, runRedeliveries, type RedeliveryOutcome } from "../deliveries/run-redeliveries.js";

/** How often the sweep timer wakes up; each repository is swept at its own `monitor.sweepIntervalMinutes`. */
export const SWEEP_TICK_MINUTES = 5;

import type { SweepTimes } from "./sweep-times.js";

export type { SweepTimes };

/**
 * The periodic sweep (SPEC §1.4): GitHub does not redeliver webhooks on its
 * own, so every installation's repositories are reconciled now and then with
 * the same pass as `/factory sync`. Each repository is enqueued on its own
 * job queue key, so a sweep never races a command on the same repository.
 * Returns the repositories enqueued.
 */
export async function sweepOnce(params: { app: Probot; deps: MonitorDeps; log: Logger; lastSwept: SweepTimes }): Promise<string[]> {
  const { app } = params;
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  const enqueued: string[] = [];
  for (const installation of installations) enqueued.push(...(await sweepInstallation(params, installation)));
  return enqueued;
}

/**
 * Enqueues a sweep job for each repository of one installation that is not
 * archived, and the organisation's dashboard once the last of them is done.
 * Returns the repositories enqueued.
 */
async function sweepInstallation(
  params: { app: Probot; deps: MonitorDeps; log: Logger; lastSwept: SweepTimes },
  installation: { id: number; account: unknown },
): Promise<string[]> {
  const { app, deps } = params;
  const octokit = (await app.auth(installation.id)) as unknown as Octokit;
  deps.pacers.pace(octokit, installation.id);
  const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  // The organisation's dashboard is rendered once the last of its repositories has been swept.
  const account = installation.account as { login?: string; type?: string } | null;
  let left = repos.filter((r) => !r.archived).length;
  // Only when a repository was due: a tick that swept nothing has nothing new to sum up.
  let sweptAny = false;
  const repoDone = () => {
    left -= 1;
    if (left === 0 && sweptAny && account?.login && account.type === "Organization") {
      enqueueOrgDashboard({ ...params, octokit, org: account.login, repos: repos.filter((r) => !r.archived).map((r) => r.full_name) });
    }
  };
  const enqueued: string[] = [];
  for (const repository of repos) {
    if (repository.archived) continue;
    const name = repository.full_name;
    enqueued.push(name);
    deps.queue.enqueue({
      key: name,
      name: "sweep",
      deliveryId: `sweep-${deps.clock.now().toISOString()}`,
      run: async () => {
        try {
          const onSwept = () => {
            sweptAny = true;
          };
          await sweepRepository({ ...params, octokit, repository, onSwept });
        } catch (error) {
          params.log.error({ err: error, repo: name }, "Sweep failed for a repository; the next sweep tries again");
        } finally {
          repoDone();
        }
      },
    });
  }
  return enqueued;
}

/**
 * Asks GitHub again for the webhooks that never reached the app since
 * `since` (`runRedeliveries`), with the app's own token.
 */
export async function repairDeliveriesOnce(params: { app: Probot; deps: Pick<MonitorDeps, "identity">; log: Logger; since: Date }): Promise<RedeliveryOutcome> {
  const appOctokit = (await params.app.auth()) as unknown as Octokit;
  return runRedeliveries({ appOctokit, identity: await params.deps.identity(), since: params.since, log: params.log });
}

/**
 * Starts the sweep timer; the timer does not keep the process alive. At
 * start-up, and then first thing on every tick, lost webhooks are asked for
 * again from the delivery log (three days back at start-up, then back to the
 * tick before the last run); then the repositories that are due are swept.
 * Returns a stop function.
 */
export function startSweep(params: { app: Probot; deps: MonitorDeps; log: Logger; tickMinutes?: number }): () => void {
  const lastSwept: SweepTimes = new Map();
  const tickMs = (params.tickMinutes ?? SWEEP_TICK_MINUTES) * 60_000;
  let since = new Date(params.deps.clock.now().getTime() - DELIVERY_LOG_DAYS * 86_400_000);
  const repair = async () => {
    const started = params.deps.clock.now();
    await repairDeliveriesOnce({ ...params, since });
    // Overlapping by a tick: a delivery that failed while this run was reading is seen by the next one.
    since = new Date(started.getTime() - tickMs);
  };
  const failed = (what: string) => (error: unknown) => params.log.error({ err: error }, what);
  repair().catch(failed("Webhook redelivery failed; the next sweep tick tries again"));
  const timer = setInterval(() => {
    repair()
      .catch(failed("Webhook redelivery failed; the next sweep tick tries again"))
      .then(() => sweepOnce({ ...params, lastSwept }))
      .catch(failed("Sweep failed"));
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The organisation's dashboard, after its repositories' sweeps (same key as the ledger repository's own jobs). */
function enqueueOrgDashboard(params: { deps: MonitorDeps; log: Logger; octokit: Octokit; org: string; repos: string[] }): void {
  params.deps.queue.enqueue({
    key: `${params.org}/.github`,
    name: "org-dashboard",
    deliveryId: `sweep-org-${params.org}`,
    run: async () => {
      try {
        const loaded = await loadThrough(params.deps.configs, { octokit: params.octokit, owner: params.org, repo: ".github" });
        if (!loaded.ok) return;
        await runOrgDashboard({ octokit: params.octokit, org: params.org, repos: params.repos, config: loaded.config, identity: await params.deps.identity(), now: params.deps.clock.now() });
      } catch (error) {
        params.log.error({ err: error, org: params.org }, "Organisation dashboard update failed; the next sweep tries again");
      }
    },
  });
}
