import type { Logger } from "probot";
import { renderConfigError } from "../../config/load-config.js";
import { getRole } from "../../github/get-role.js";
import type { Octokit } from "../../github/octokit.js";
import { codeSpan } from "../../model/code-span.js";
import { describeError } from "../../model/describe-error.js";
import { hasRole } from "../../model/permission.js";
import type { AuditJob } from "../../queue/job.js";
import type { Attempt } from "../../queue/job-queue.js";
import { runEpics } from "../epic/run-epics.js";
import type { JobDeps } from "../job-deps.js";
import { applyPlan } from "../run-flow.js";
import { jobScope, withRepoConfig } from "../with-repo-config.js";
import { isAuditIssue } from "./is-audit-issue.js";
import { renderProblems } from "./render-audit-answer.js";
import { runAudit, type AuditOutcome } from "./run-audit.js";
import { runAuditEdit } from "./run-audit-edit.js";

/**
 * The audit job for an issue that was opened or labelled: checks the label
 * (or auto mode) against the config and the sender's permission, then runs
 * the audit flow, and the epic planner when `epics.auto` is on. An edit of
 * the audit or of Factory's reading of it goes to {@link runAuditEdit}. A
 * structured audit that breaks its format is answered with its problems.
 * Notices are keyed by the delivery, so a retried or repeated job says each
 * thing once.
 */
export async function runAuditJob(job: AuditJob, deps: JobDeps, run: { octokit: Octokit; log: Logger; attempt: Attempt }): Promise<void> {
  const { octokit, log } = run;
  const { repo, refs } = job;
  const delivery = safe(job.deliveryId);
  const say = async (key: string, body: string) =>
    applyPlan({ octokit, repo, identity: await deps.identity() }, [{ kind: "comment", key, issue: refs.issue.number, body, marker: { kind: "notice", fields: { delivery } } }]);
  await withRepoConfig({
    ...jobScope(job, deps, run),
    failed: "Audit job failed",
    broken: (error) => say(`config:${job.deliveryId}`, renderConfigError(error)),
    work: async (config) => {
      const identity = await deps.identity();
      const finished = async (outcomes: AuditOutcome[]) => {
        log.info({ outcomes }, "Audit finished");
        for (const outcome of outcomes) {
          if (outcome.problems) await say(`problems:${job.deliveryId}:${outcome.number}`, renderProblems(outcome.number, outcome.problems));
        }
        if (config.epics.auto && outcomes.some((outcome) => outcome.created.length > 0)) {
          await runEpics({ octokit, repo, config, identity, dryRun: false, now: deps.clock.now(), log });
        }
      };
      if (refs.edited) return finished(await runAuditEdit(job, { octokit, config, identity, log }));
      const labelAdded = refs.labelAdded;
      if (labelAdded !== undefined && labelAdded.toLowerCase() !== config.audit.label.toLowerCase()) return;
      if (labelAdded === undefined && !(config.audit.auto && isAuditIssue({ title: refs.issue.title, labels: refs.issue.labels, auditLabel: config.audit.label }))) return;
      const role = await getRole({ octokit, repo, login: refs.sender });
      if (!hasRole(role, config.commands.permission)) {
        await say(
          `permission:${job.deliveryId}`,
          `Factory did not run this audit: starting one needs **${config.commands.permission}** permission and ${codeSpan(refs.sender)} has **${role}**. ` +
            `A maintainer can run ${codeSpan("/factory audit")} here${labelAdded === undefined ? ` or add the ${codeSpan(config.audit.label)} label` : ""}.`,
        );
        return;
      }
      await finished(await runAudit({ octokit, repo, config, identity, target: { kind: "one", issue: refs.issue.number }, dryRun: false, mode: "start", language: refs.language, log }));
    },
    report: (error) =>
      say(
        `error:${job.deliveryId}`,
        `😕 Factory could not finish this audit: ${describeError(error)}. Issues created before the failure stay; ` +
          `running ${codeSpan("/factory audit")} here creates only what is missing. Operators can find the details in the logs under delivery ${codeSpan(delivery)}.`,
      ),
  });
}

/** A delivery id as it may appear in a comment. */
function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, "").slice(0, 64) || "unknown";
}
