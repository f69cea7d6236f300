import type { Logger, Probot } from "probot";
import type { Octokit } from "../../github/octokit.js";
import { jobLane } from "../../queue/job.js";
import type { JobDeps } from "../job-deps.js";
import { DELIVERY_LOG_DAYS, runRedeliveries, type RedeliveryOutcome } from "../deliveries/run-redeliveries.js";

/** How often the sweep timer wakes up; each repository is swept at its own `monitor.sweepIntervalMinutes`. */
export const SWEEP_TICK_MINUTES = 5;

/** What the sweep needs: the app (to list installations and ask for their tokens) and the job dependencies. */
export interface SweepParams {
  app: Probot;
  deps: Pick<JobDeps, "jobs" | "state" | "clock" | "identity">;
  log: Logger;
}

/**
 * The periodic sweep (SPEC §1.4): GitHub does not redeliver webhooks on its
 * own, so every installation's repositories are reconciled now and then with
 * the same pass as `/factory sync`. Each repository gets a sweep job on its
 * own lane, so a sweep never races a command on the same repository; the
 * job itself decides whether the repository is due. Returns the
 * repositories enqueued.
 */
export async function sweepOnce(params: SweepParams): Promise<string[]> {
  const appOctokit = await params.app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  const round = `sweep-${params.deps.clock.now().toISOString()}`;
  const enqueued: string[] = [];
  for (const installation of installations) enqueued.push(...(await sweepInstallation(params, installation, round)));
  return enqueued;
}

/**
 * Enqueues a sweep job for each repository of one installation that is not
 * archived. The organisation's dashboard follows the last of them: the
 * round's count of repositories left is kept in the shared state, and the
 * job that brings it to zero queues the dashboard (see `runSweepJob`).
 */
async function sweepInstallation(params: SweepParams, installation: { id: number; account: unknown }, round: string): Promise<string[]> {
  const { app, deps } = params;
  const octokit = (await app.auth(installation.id)) as unknown as Octokit;
  const repos = (await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })).filter((r) => !r.archived);
  const account = installation.account as { login?: string; type?: string } | null;
  const org = account?.login && account.type === "Organization" ? account.login : undefined;
  if (org) {
    await deps.state.set(sweepReposKey(round, org), JSON.stringify(repos.map((r) => r.full_name)), ROUND_TTL_MS);
    await deps.state.set(sweepLeftKey(round, org), String(repos.length), ROUND_TTL_MS);
  }
  const enqueued: string[] = [];
  for (const repository of repos) {
    const repo = { owner: repository.owner.login, repo: repository.name };
    enqueued.push(repository.full_name);
    await deps.jobs.enqueue(
      {
        kind: "sweep",
        installationId: installation.id,
        repo,
        refs: { defaultBranch: repository.default_branch, round, ...(org ? { org } : {}) },
        deliveryId: round,
        attempt: 1,
      },
      { id: `sweep:${jobLane({ repo })}:${round}` },
    );
  }
  return enqueued;
}

/** How long a sweep round's counters are kept: longer than any round takes. */
export const ROUND_TTL_MS = 6 * 60 * 60_000;

/** The shared counter of a round's repositories not yet swept, per organisation. */
export function sweepLeftKey(round: string, org: string): string {
  return `sweep-left:${round}:${org.toLowerCase()}`;
}

/** The shared mark that some repository of a round was due, per organisation: its dashboard is worth rendering. */
export function sweepAnyKey(round: string, org: string): string {
  return `sweep-any:${round}:${org.toLowerCase()}`;
}

/** The shared list of a round's repositories, per organisation, for its dashboard. */
export function sweepReposKey(round: string, org: string): string {
  return `sweep-repos:${round}:${org.toLowerCase()}`;
}

/**
 * Asks GitHub again for the webhooks that never reached the app since
 * `since` (`runRedeliveries`), with the app's own token.
 */
export async function repairDeliveriesOnce(params: { app: Probot; deps: Pick<JobDeps, "identity">; log: Logger; since: Date }): Promise<RedeliveryOutcome> {
  const appOctokit = (await params.app.auth()) as unknown as Octokit;
  return runRedeliveries({ appOctokit, identity: await params.deps.identity(), since: params.since, log: params.log });
}

/**
 * Starts the sweep timer; the timer does not keep the process alive. At
 * start-up, and then first thing on every tick, lost webhooks are asked for
 * again from the delivery log (three days back at start-up, then back to the
 * tick before the last run); then the repositories are queued for their
 * sweep. With several instances, one of them does each tick: whoever claims
 * the tick in the shared state. Returns a stop function.
 */
export function startSweep(params: SweepParams & { tickMinutes?: number }): () => void {
  const tickMs = (params.tickMinutes ?? SWEEP_TICK_MINUTES) * 60_000;
  let since = new Date(params.deps.clock.now().getTime() - DELIVERY_LOG_DAYS * 86_400_000);
  const repair = async () => {
    const started = params.deps.clock.now();
    await repairDeliveriesOnce({ ...params, since });
    // Overlapping by a tick: a delivery that failed while this run was reading is seen by the next one.
    since = new Date(started.getTime() - tickMs);
  };
  const failed = (what: string) => (error: unknown) => params.log.error({ err: error }, what);
  // The claim lasts a little less than a tick, so the next tick can always be claimed by someone.
  const claimed = (what: string) => params.deps.state.claim(what, Math.max(1_000, tickMs - 10_000));
  const tick = async (first: boolean) => {
    if (!(await claimed(first ? "delivery-repair" : "sweep-tick"))) return;
    await repair().catch(failed("Webhook redelivery failed; the next sweep tick tries again"));
    if (!first) await sweepOnce(params);
  };
  tick(true).catch(failed("Webhook redelivery failed; the next sweep tick tries again"));
  const timer = setInterval(() => {
    tick(false).catch(failed("Sweep failed"));
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
