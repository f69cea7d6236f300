import type { Logger } from "probot";
import type { Config } from "../../config/schema.js";
import { getRole } from "../../github/get-role.js";
import type { Octokit } from "../../github/octokit.js";
import { restAuthor, type FactoryIdentity } from "../../model/authorship.js";
import { hasRole } from "../../model/permission.js";
import type { AuditJob } from "../../queue/job.js";
import { applyPlan } from "../run-flow.js";
import { readReading } from "./audit-reading.js";
import { isAuditIssue } from "./is-audit-issue.js";
import { runAudit, type AuditOutcome } from "./run-audit.js";

/** What the edit job runs with. */
export interface AuditEditContext {
  octokit: Octokit;
  config: Config;
  identity: FactoryIdentity;
  log: Logger;
}

/**
 * An audit or Factory's reading of it was edited. Only edits by people with
 * the command permission (`commands.permission`) count. An edit of the
 * audit's body brings its reading up to date; an edit of the reading that
 * leaves "Create these issues" ticked creates the ticked lines' issues. An
 * edit of the reading by anyone else is put back as it was, so it changes
 * nothing. Returns what the audit flow did, if it ran.
 */
export async function runAuditEdit(job: AuditJob, context: AuditEditContext): Promise<AuditOutcome[]> {
  const { refs, repo } = job;
  const { octokit, config, identity } = context;
  const edited = refs.edited;
  if (!edited) return [];
  const role = await getRole({ octokit, repo, login: refs.sender });
  const permitted = hasRole(role, config.commands.permission);
  const run = (mode: "refresh" | "create") =>
    runAudit({ octokit, repo, config, identity, target: { kind: "one", issue: refs.issue.number }, dryRun: false, mode, language: refs.language, log: context.log });
  if (edited.kind === "body") {
    if (!permitted || !isAuditIssue({ title: refs.issue.title, labels: refs.issue.labels, auditLabel: config.audit.label })) return [];
    return run("refresh");
  }
  const { data } = await octokit.rest.issues.getComment({ ...repo, comment_id: edited.comment });
  const current = data.body ?? "";
  const choices = readReading({ body: current, author: restAuthor(data) }, identity, refs.issue.number);
  if (!choices) return [];
  if (permitted) return choices.create ? run("create") : [];
  // Put back what the reading said before: the same comment, so the same author; only if it was this audit's reading.
  const before = edited.before;
  if (before === null || before === current || !readReading({ body: before, author: restAuthor(data) }, identity, refs.issue.number)) return [];
  context.log.info({ audit: refs.issue.number, sender: refs.sender, role }, "Reverted an edit of an audit's reading by someone without the command permission");
  await applyPlan({ octokit, repo, identity }, [
    { kind: "editComment", key: `audit-reading-revert:${edited.comment}`, issue: refs.issue.number, commentId: edited.comment, body: before, expect: current },
  ]);
  return [];
}
