import type { Config } from "../../config/schema.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { applyActions } from "../../github/executor/apply-actions.js";
import { readLedger } from "./ledger.js";
import { ledgerFileAt } from "./ledger-location.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
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
  const { octokit, repo, config } = params;
  const [epic] = await findEpicsForEvent({ octokit, repo, prefix: config.epics.branchPrefix, refs: { branches: [], issues: [params.child] } });
  const ledger = await readLedger({ octokit, config, owner: repo.owner, now: params.now });
  const released = new Set(ledger.releases.map((r) => r.key));
  const last = unreleasedAttempt({ entries: ledger.entries, released, repo: `${repo.owner}/${repo.repo}`, issue: params.child });
  if (!params.dryRun) {
    if (last) {
      const line = releaseOf(last, { now: params.now, reason: "retried by a maintainer" });
      const file = ledgerFileAt(ledger.location, ledger.path);
      await applyActions({ octokit, repo, identity: params.identity, actions: [{ kind: "appendRecords", key: `release:${last.key}`, file, records: [line], message: `factory: release ${last.key}` }] });
    }
    await applyActions({
      octokit,
      repo,
      identity: params.identity,
      actions: [
        { kind: "removeLabel", key: `retry-undispatch:${params.child}`, issue: params.child, label: config.labels.dispatched },
        { kind: "removeLabel", key: `retry-unescalate:${params.child}`, issue: params.child, label: config.monitor.escalationLabel },
      ],
    });
  }
  const outcome = await runDispatch({ ...params, issue: epic ?? params.child, target: { kind: "issues", issues: [params.child] } });
  return renderDispatchAnswer(outcome);
}

/** `/factory escalate #N`: labels the pull request or child for a person and says so on its epic. */
export async function runEscalate(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "epics" | "monitor">;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
  target: number;
  by: string;
  dryRun: boolean;
}): Promise<Answer> {
  const { octokit, repo, config } = params;
  const label = config.monitor.escalationLabel;
  if (params.dryRun) return { ok: true, text: `**Dry run:** nothing was changed. Factory would label #${params.target} \`${label}\`.` };
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number: params.target });
  const epics = await findEpicsForEvent({
    octokit,
    repo,
    prefix: config.epics.branchPrefix,
    refs: data.pull_request ? { branches: [], issues: [] } : { branches: [], issues: [params.target] },
  });
  await applyActions({
    octokit,
    repo,
    identity: params.identity,
    actions: [
      { kind: "addLabels", key: `escalate:${params.target}`, issue: params.target, labels: [label] },
      ...epics.map((epic) => ({
        kind: "comment" as const,
        key: `escalated:${params.target}`,
        issue: epic,
        body: `⚠️ #${params.target} was escalated by ${params.by}: it is labelled \`${label}\` and Factory leaves it to a person; the rest of the epic carries on.`,
        marker: { kind: "escalated", fields: { pr: `#${params.target}` } },
      })),
    ],
  });
  return { ok: true, text: `Escalated #${params.target}: labelled \`${label}\`. Factory sends it no more requests; \`/factory retry #${params.target}\` hands a child out again.` };
}
