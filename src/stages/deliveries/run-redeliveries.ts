import type { Logger } from "probot";
import type { Octokit } from "../../github/octokit.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { runFlow } from "../run-flow.js";
import { planRedeliveries } from "./plan-redeliveries.js";
import { readFailedDeliveries } from "./read-failed-deliveries.js";

/** How far back the first run looks: all that GitHub keeps. */
export const DELIVERY_LOG_DAYS = 3;

/** The deliveries asked for again, by `X-GitHub-Delivery`, and those GitHub refused to send again. */
export interface RedeliveryOutcome {
  redelivered: string[];
  refused: string[];
}

/**
 * Repairs lost webhooks from the app's delivery log (SPEC §6): observe the
 * deliveries that never reached the app since `since`, plan one redelivery
 * each, and ask GitHub for them — an app-level write, through the executor
 * like any other. Run at start-up (over the three days GitHub keeps) and on
 * every sweep tick (since the last run), before any repository is swept, so
 * a missed event is handled as itself rather than guessed back by a pass.
 */
export async function runRedeliveries(params: { appOctokit: Octokit; identity: FactoryIdentity; since: Date; log: Pick<Logger, "info"> }): Promise<RedeliveryOutcome> {
  const run = await runFlow({
    observe: () => readFailedDeliveries({ appOctokit: params.appOctokit, since: params.since }),
    plan: (failed) => ({ actions: planRedeliveries(failed), reply: undefined }),
    // App-level: the writes name no repository.
    writer: { octokit: params.appOctokit, repo: { owner: "", repo: "" }, identity: params.identity },
  });
  const guids = (outcome: string) => run.applied.flatMap((done) => (done.action.kind === "redeliver" && done.outcome === outcome ? [done.action.guid] : []));
  const outcome = { redelivered: guids("done"), refused: guids("refused") };
  if (run.applied.length > 0) params.log.info(outcome, "Asked GitHub to redeliver webhooks the app never received");
  return outcome;
}
