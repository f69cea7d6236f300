import type { Context } from "probot";
import type { IdentitySource } from "../../github/app-identity.js";
import type { ConfigCache } from "../../config/config-cache.js";
import { renderConfigError } from "../../config/load-config.js";
import { applyPlan } from "../run-flow.js";
import { getRole } from "../../github/get-role.js";
import type { Clock } from "../../github/clock.js";
import type { PacerRegistry } from "../../github/pacer-registry.js";
import { isAuditIssue } from "./is-audit-issue.js";
import { codeSpan } from "../../model/code-span.js";
import { describeError } from "../../model/describe-error.js";
import { hasRole } from "../../model/permission.js";
import type { JobQueue } from "../../queue/job-queue.js";
import type { DashboardScheduler } from "../dashboard/dashboard-scheduler.js";
import { runAudit } from "./run-audit.js";
import { runEpics } from "../epic/run-epics.js";
import { enqueueRepoJob } from "../enqueue-repo-job.js";

type AuditIssueContext = Context<"issues.labeled"> | Context<"issues.opened">;

/**
 * Handler for `issues.labeled` (the audit label was added) and
 * `issues.opened` (auto mode): runs the audit flow in the background. Events
 * sent by bots — Factory's own issue creations among them — are ignored, and
 * the person who triggered it must have the configured permission: anyone can
 * open an issue titled "[Audit]" in a public repository.
 */
export function onAuditIssue(deps: { queue: JobQueue; pacers: PacerRegistry; clock: Clock; dashboards?: DashboardScheduler; configs?: ConfigCache; identity: IdentitySource }) {
  return async (context: AuditIssueContext): Promise<void> => {
    const { issue, repository, sender } = context.payload;
    if (context.isBot || sender.type === "Bot") return;
    const labelAdded = context.payload.action === "labeled" ? (context.payload.label?.name ?? "") : undefined;
    const repo = { owner: repository.owner.login, repo: repository.name };
    deps.pacers.pace(context.octokit, context.payload.installation?.id);
    const log = context.log.child({ deliveryId: context.id, issue: issue.number });
    const say = async (key: string, body: string) =>
      applyPlan({ octokit: context.octokit, repo, identity: await deps.identity() }, [
        { kind: "comment", key, issue: issue.number, body, marker: { kind: "notice", fields: { delivery: safe(context.id) } } },
      ]);
    enqueueRepoJob({
      queue: deps.queue,
      key: repository.full_name,
      name: "audit",
      deliveryId: context.id,
      octokit: context.octokit,
      repo,
      configs: deps.configs,
      log,
      failed: "Audit job failed",
      broken: (error) => say(`config:${context.id}`, renderConfigError(error)),
      work: async (config) => {
        if (labelAdded !== undefined && labelAdded.toLowerCase() !== config.audit.label.toLowerCase()) return;
        if (labelAdded === undefined && !(config.audit.auto && isAuditIssue({ title: issue.title, labels: issue.labels ?? [], auditLabel: config.audit.label }))) return;
        const role = await getRole({ octokit: context.octokit, repo, login: sender.login });
        if (!hasRole(role, config.commands.permission)) {
          await say(
            `permission:${context.id}`,
            `Factory did not run this audit: starting one needs **${config.commands.permission}** permission and ${codeSpan(sender.login)} has **${role}**. ` +
              `A maintainer can run ${codeSpan("/factory audit")} here${labelAdded === undefined ? ` or add the ${codeSpan(config.audit.label)} label` : ""}.`,
          );
          return;
        }
        const outcomes = await runAudit({
          octokit: context.octokit,
          repo,
          config,
          identity: await deps.identity(),
          target: { kind: "one", issue: issue.number },
          dryRun: false,
          language: repository.language ?? null,
          log,
        });
        log.info({ outcomes }, "Audit finished");
        if (config.epics.auto && outcomes.some((outcome) => outcome.created.length > 0)) {
          await runEpics({ octokit: context.octokit, repo, config, identity: await deps.identity(), dryRun: false, now: deps.clock.now(), log });
        }
      },
      report: (error) =>
        say(
          `error:${context.id}`,
          `😕 Factory could not finish this audit: ${describeError(error)}. Issues created before the failure stay; ` +
            `running ${codeSpan("/factory audit")} here creates only what is missing. Operators can find the details in the logs under delivery ${codeSpan(safe(context.id))}.`,
        ),
    });
    deps.dashboards?.schedule({ octokit: context.octokit, repo });
  };
}

function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, "").slice(0, 64) || "unknown";
}
