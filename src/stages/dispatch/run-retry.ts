import type { Config } from "../../config/schema.js";
import type { Action } from "../../model/action.js";
import { readLedger, type LedgerSnapshot } from "./ledger.js";
import { runFlow } from "../run-flow.js";
import { releaseOf, unreleasedAttempt } from "./unreleased-attempt.js";
import { renderDispatchAnswer } from "./render-dispatch-answer.js";
import type { Answer } from "../commands/plan-command-reply.js";
import { findEpicsForEvent } from "../monitor/find-epics-for-event.js";
import { runDispatch, type RunDispatchParams } from "./run-dispatch.js";

/**
 * `/factory retry #N` (SPEC §1.4): ends the child's current attempt in the
 * ledger (a release line, which routing counts as that agent's failure),
 * takes the dispatched and escalation labels off, and dispatches it again
 * from its epic — to the next agent when the first has failed it enough, and
 * within the budget like any dispatch.
 */
export async function runRetry(
  params: Omit<RunDispatchParams, "issue" | "target" | "config"> & { config: RunDispatchParams["config"] & Pick<Config, "monitor">; child: number },
): Promise<Answer> {
  const { octokit, repo, config, child } = params;
  // A dry run describes the dispatch only: the release and the labels are not planned.
  const { snapshot } = await runFlow({
    observe: async () => ({
      epic: (await findEpicsForEvent({ octokit, repo, prefix: config.epics.branchPrefix, refs: { branches: [], issues: [child] } }))[0],
      ledger: params.dryRun ? undefined : await readLedger({ octokit, config, owner: repo.owner, now: params.now }),
    }),
    plan: ({ ledger }) => ({ actions: ledger ? planRetry({ ledger, child, config, repo: `${repo.owner}/${repo.repo}`, now: params.now }) : [], reply: undefined }),
    writer: { octokit, repo, identity: params.identity },
  });
  const outcome = await runDispatch({ ...params, issue: snapshot.epic ?? child, target: { kind: "issues", issues: [child] } });
  return renderDispatchAnswer(outcome);
}

/** Ends the child's current attempt (a release line, when one is unreleased) and takes its dispatched and escalation labels off; pure. */
function planRetry(params: { ledger: LedgerSnapshot; child: number; config: Pick<Config, "labels" | "monitor">; repo: string; now: Date }): Action[] {
  const { ledger, child, config } = params;
  const last = unreleasedAttempt({ entries: ledger.entries, released: new Set(ledger.releases.map((r) => r.key)), repo: params.repo, issue: child });
  const release: Action[] = last
    ? [{ kind: "appendRecords", key: `release:${last.key}`, file: ledger.file, records: [releaseOf(last, { now: params.now, reason: "retried by a maintainer" })], message: `factory: release ${last.key}` }]
    : [];
  return [
    ...release,
    { kind: "removeLabel", key: `retry-undispatch:${child}`, issue: child, label: config.labels.dispatched },
    { kind: "removeLabel", key: `retry-unescalate:${child}`, issue: child, label: config.monitor.escalationLabel },
  ];
}


