import type { AuditOutcome, RunAuditParams } from "./run-audit.js";
import { runFlow } from "../run-flow.js";
import { planAudit, type AuditSnapshot, type TrackedIssue } from "./plan-audit.js";

/**
 * Applies an audit's plan and plans again with what was created until
 * nothing is left to do: issues created become tracked, so the report can
 * name them. Fills in the outcome as it goes.
 */
export async function applyUntilDone(args: {
  params: Pick<RunAuditParams, "octokit" | "repo" | "identity" | "log">;
  snapshot: AuditSnapshot;
  outcome: AuditOutcome;
  tracked: Map<string, TrackedIssue>;
}): Promise<void> {
  const { params, snapshot, outcome, tracked } = args;
  const frameworks = snapshot.frameworks as Map<string, TrackedIssue>;
  const labels = snapshot.labels as Set<string>;
  for (let round = 0; round < 5; round++) {
    const { applied } = await runFlow({
      observe: async () => snapshot,
      plan: (seen) => ({ actions: planAudit(seen), reply: undefined }),
      writer: { octokit: params.octokit, repo: params.repo, identity: params.identity },
    });
    if (applied.length === 0) return;
    params.log.info({ audit: snapshot.audit.number, round, actions: applied.length }, "Applied audit plan");
    for (const { action, number } of applied) {
      if (action.kind === "ensureLabel") labels.add(action.name.toLowerCase());
      if (action.kind === "createIssue" && number !== undefined) {
        const issue: TrackedIssue = { number, title: action.title, state: "open", audit: snapshot.audit.number };
        const fp = action.marker.fields.fp as string;
        if (action.marker.kind === "framework") {
          frameworks.set(fp, issue);
          outcome.frameworks.push(number);
        } else {
          tracked.set(fp, issue);
          outcome.created.push(number);
        }
      }
      if (action.kind === "comment") snapshot.reported = true;
      if (action.kind === "closeIssue") {
        outcome.closed = action.reason;
        snapshot.audit = { ...snapshot.audit, state: "closed" };
      }
    }
  }
  throw new Error(`The audit plan for #${snapshot.audit.number} did not settle after 5 rounds`);
}

