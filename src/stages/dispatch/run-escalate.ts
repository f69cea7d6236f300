import type { Config } from "../../config/schema.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { Answer } from "../commands/plan-command-reply.js";
import { findEpicsForEvent } from "../monitor/find-epics-for-event.js";
import { runFlow } from "../run-flow.js";

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
  await runFlow({
    observe: async () => {
      const { data } = await octokit.rest.issues.get({ ...repo, issue_number: params.target });
      const refs = data.pull_request ? { branches: [], issues: [] } : { branches: [], issues: [params.target] };
      return findEpicsForEvent({ octokit, repo, prefix: config.epics.branchPrefix, refs });
    },
    writer: { octokit, repo, identity: params.identity },
    plan: (epics) => ({
      reply: undefined,
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
    }),
  });
  return { ok: true, text: `Escalated #${params.target}: labelled \`${label}\`. Factory sends it no more requests; \`/factory retry #${params.target}\` hands a child out again.` };
}
