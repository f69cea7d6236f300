import type { Logger } from "probot";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { Config } from "../../config/schema.js";
import { listIssues, listLabelNames, toIssueView, type IssueView } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { detectPatterns } from "./detect-patterns.js";
import { isAuditIssue } from "./is-audit-issue.js";
import type { AuditSnapshot, TrackedIssue } from "./plan-audit.js";
import { readAudit } from "./read-audit.js";
import type { AuditProblem } from "./structured-audit.js";
import { applyUntilDone } from "./apply-audit-plan.js";
import { runConfirmedAudit } from "./run-confirmed-audit.js";
import { renderAuditDryRun } from "./render-audit-dry-run.js";
import { factoryMarkers, isFactoryAuthor } from "../../model/authorship.js";
import { authorsWithPermission } from "../../github/authors-with-permission.js";

/** Which audits to run: the one a command or label was on, or every open audit. */
export type AuditTarget = { kind: "one"; issue: number } | { kind: "all" };

/** What happened to one audit. */
export interface AuditOutcome {
  number: number;
  /** The issue is not an audit (wrong title, no label, or a pull request); nothing was done. */
  notAudit?: boolean;
  /** `audit all` left it alone: its author (named) lacks the command permission and no maintainer asked for it. */
  stranger?: string;
  /** Findings read — or, when a maintainer confirmed a reading, findings confirmed (ticked). */
  findings: number;
  /** Issue numbers created now, for findings and for patterns. */
  created: number[];
  frameworks: number[];
  /** Findings that already had an issue. */
  alreadyTracked: number;
  /** How the audit was closed now, if it was. */
  closed?: "completed" | "not_planned";
  /** The plan, for `--dry-run`. */
  dryRun?: string;
  /** The audit declares the structured format but breaks it: what is wrong, by line. Nothing was done. */
  problems?: AuditProblem[];
  /** What happened to Factory's reading of the audit (`audit.confirm`), when it has one or was given one now. */
  reading?: "posted" | "updated" | "unchanged";
  /** Findings a maintainer left unticked in the reading, which were not created. */
  unticked?: number;
}

/**
 * What started the run: `run` (a command: post the reading, or create what
 * it confirms), `start` (the audit was opened or labelled: post the reading,
 * or bring it up to date), `refresh` (the audit was edited: bring an
 * existing reading up to date) or `create` (a maintainer ticked "Create
 * these issues": create what the reading confirms).
 */
export type AuditMode = "run" | "start" | "refresh" | "create";

/** Inputs of {@link runAudit}. */
export interface RunAuditParams {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "audit" | "commands" | "labels">;
  /** Factory's own account: only what it wrote counts as its state (SPEC §5). */
  identity: FactoryIdentity;
  target: AuditTarget;
  dryRun: boolean;
  /** Default `run`. */
  mode?: AuditMode;
  /** The repository's main language (from the webhook payload), for `lang:*` labels. */
  language?: string | null;
  log: Logger;
}

/**
 * The audit flow (SPEC §1.1): observe the audits, the issues already carrying
 * finding markers, and the labels; plan; apply; re-plan with what was created
 * until nothing is left to do. Rerunning it, or running it after a crash
 * halfway, creates only what is missing. An audit in the structured format
 * is read exactly (and one that breaks it is not read at all); where
 * `audit.confirm` applies, Factory's reading is posted for a maintainer to
 * confirm first ({@link runConfirmedAudit}).
 */
export async function runAudit(params: RunAuditParams): Promise<AuditOutcome[]> {
  const { octokit, repo } = params;
  const mode = params.mode ?? "run";
  const audits = await findAudits(params);
  const outcomes: AuditOutcome[] = audits
    .filter((audit) => audit.notAudit || audit.stranger !== undefined)
    .map((audit) => ({
      number: audit.issue.number,
      ...(audit.stranger === undefined ? { notAudit: true } : { stranger: audit.stranger }),
      findings: 0,
      created: [],
      frameworks: [],
      alreadyTracked: 0,
    }));
  const real = audits.filter((audit) => !audit.notAudit && audit.stranger === undefined).map((audit) => audit.issue);
  if (real.length === 0) return outcomes;
  const since = real.map((audit) => audit.createdAt).sort()[0];
  const [existing, labels] = await Promise.all([
    listIssues({ octokit, repo, state: "all", ...(since ? { since } : {}) }),
    params.dryRun ? Promise.resolve(new Set<string>()) : listLabelNames({ octokit, repo }),
  ]);
  const tracked = trackedFindings(existing, params.identity);
  for (const audit of real) {
    const text = readAudit(audit.body, params.config.audit.keywords);
    const base = { number: audit.number, findings: text.findings.length, created: [], frameworks: [], alreadyTracked: 0 };
    if (text.problems.length > 0) {
      outcomes.push({ ...base, problems: text.problems });
      continue;
    }
    const snapshot: AuditSnapshot = {
      audit: { number: audit.number, title: audit.title, state: audit.state },
      findings: text.findings,
      patterns: detectPatterns(text.findings),
      tracked,
      frameworks: trackedFrameworks(existing, audit.number, params.identity),
      labels,
      language: params.language ?? null,
      labelScheme: params.config.labels.scheme,
      reported: false,
    };
    if (confirms(params.config.audit.confirm, text.structured) || mode === "refresh" || mode === "create") {
      outcomes.push(await runConfirmedAudit({ params, mode, confirm: confirms(params.config.audit.confirm, text.structured), snapshot, tracked }));
      continue;
    }
    if (mode !== "run" && mode !== "start") continue;
    const outcome: AuditOutcome = { ...base, alreadyTracked: text.findings.filter((finding) => tracked.has(finding.fingerprint)).length };
    if (params.dryRun) {
      outcomes.push({ ...outcome, dryRun: renderAuditDryRun(snapshot) });
      continue;
    }
    await applyUntilDone({ params, snapshot, outcome, tracked });
    outcomes.push(outcome);
  }
  return outcomes;
}

/** Whether `audit.confirm` asks for a maintainer's confirmation of this audit: `auto` does for audits not in the structured format. */
export function confirms(setting: Config["audit"]["confirm"], structured: boolean): boolean {
  return setting === "always" || (setting === "auto" && !structured);
}

/**
 * The audits to run. One named audit is run whoever opened it (a permitted
 * user asked for it); `all` skips audits opened by people without the
 * command permission (SPEC §5): anyone can open an "[Audit]" issue in a
 * public repository, and its findings would become issues Factory wrote.
 */
async function findAudits(params: RunAuditParams): Promise<Array<{ issue: IssueView; notAudit: boolean; stranger?: string }>> {
  const auditLabel = params.config.audit.label;
  if (params.target.kind === "one") {
    const { data } = await params.octokit.rest.issues.get({ ...params.repo, issue_number: params.target.issue });
    const issue = toIssueView(data);
    const audit = isAuditIssue({ title: issue.title, labels: issue.labels, auditLabel, isPullRequest: Boolean(data.pull_request), body: issue.body });
    return [{ issue, notAudit: !audit }];
  }
  const open = await listIssues({ octokit: params.octokit, repo: params.repo, state: "open" });
  const permitted = authorsWithPermission({ octokit: params.octokit, repo: params.repo, required: params.config.commands.permission });
  const found: Array<{ issue: IssueView; notAudit: boolean; stranger?: string }> = [];
  for (const issue of open.filter((candidate) => isAuditIssue({ title: candidate.title, labels: candidate.labels, auditLabel, body: candidate.body }))) {
    const author = issue.author;
    const ok = author !== null && (isFactoryAuthor(author, params.identity) || (!author.bot && (await permitted(author.login))));
    found.push(ok ? { issue, notAudit: false } : { issue, notAudit: false, stranger: author?.login ?? "ghost" });
  }
  return found;
}

/**
 * Finding issues by fingerprint, from the markers of issues Factory opened:
 * fingerprints are computable from the audit's public text, so anyone else's
 * issue carrying one tracks nothing (SPEC §5).
 */
function trackedFindings(issues: readonly IssueView[], identity: FactoryIdentity): Map<string, TrackedIssue> {
  const tracked = new Map<string, TrackedIssue>();
  for (const issue of issues) {
    for (const marker of factoryMarkers(issue, identity)) {
      if (marker.kind !== "finding" || !marker.fields.fp || tracked.has(marker.fields.fp)) continue;
      tracked.set(marker.fields.fp, { number: issue.number, title: issue.title, state: issue.state, audit: auditNumber(marker.fields.audit) });
    }
  }
  return tracked;
}

/** An audit's framework issues by pattern fingerprint. */
function trackedFrameworks(issues: readonly IssueView[], audit: number, identity: FactoryIdentity): Map<string, TrackedIssue> {
  const tracked = new Map<string, TrackedIssue>();
  for (const issue of issues) {
    for (const marker of factoryMarkers(issue, identity)) {
      if (marker.kind !== "framework" || !marker.fields.fp || auditNumber(marker.fields.audit) !== audit) continue;
      tracked.set(marker.fields.fp, { number: issue.number, title: issue.title, state: issue.state, audit });
    }
  }
  return tracked;
}

function auditNumber(value: string | undefined): number | undefined {
  const number = Number((value ?? "").replace(/^#/, ""));
  return Number.isInteger(number) && number > 0 ? number : undefined;
}
