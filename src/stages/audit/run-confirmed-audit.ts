import { applyUntilDone } from "./apply-audit-plan.js";
import { detectPatterns } from "./detect-patterns.js";
import type { AuditSnapshot, TrackedIssue } from "./plan-audit.js";
import { confirmedFindings } from "./plan-reading.js";
import { findReading, writeReading } from "./reading-comment.js";
import { renderAuditDryRun } from "./render-audit-dry-run.js";
import type { AuditMode, AuditOutcome, RunAuditParams } from "./run-audit.js";

/**
 * One audit under `audit.confirm`. Without a reading, Factory posts one
 * (`run`, `start`) and creates nothing. With one, `start` and `refresh`
 * bring it up to date with the audit, keeping the maintainer's choices;
 * `run` and `create` create issues for the ticked lines only, with the
 * severities the lines name, then show each line's issue in the reading.
 */
export async function runConfirmedAudit(args: {
  params: RunAuditParams;
  mode: AuditMode;
  /** `audit.confirm` applies to this audit (a reading already posted is followed either way). */
  confirm: boolean;
  snapshot: AuditSnapshot;
  tracked: Map<string, TrackedIssue>;
}): Promise<AuditOutcome> {
  const { params, mode, snapshot, tracked } = args;
  const audit = snapshot.audit.number;
  const place = { octokit: params.octokit, repo: params.repo, identity: params.identity, audit };
  const findings = snapshot.findings;
  const base: AuditOutcome = {
    number: audit,
    findings: findings.length,
    created: [],
    frameworks: [],
    alreadyTracked: findings.filter((finding) => tracked.has(finding.fingerprint)).length,
  };
  const reading = await findReading(place);
  if (!reading) {
    if (!args.confirm || mode === "refresh" || mode === "create") return base;
    if (params.dryRun) {
      return { ...base, dryRun: `For #${audit}, Factory would post its reading of ${findings.length} finding${findings.length === 1 ? "" : "s"} for a maintainer to confirm, and create no issue before that.` };
    }
    return { ...base, reading: await writeReading({ ...place, findings, tracked }) };
  }
  if (mode === "start" || mode === "refresh") {
    return { ...base, reading: params.dryRun ? "unchanged" : await writeReading({ ...place, findings, tracked }) };
  }
  const { confirmed, unticked } = confirmedFindings(findings, reading.choices);
  const chosen: AuditSnapshot = { ...snapshot, findings: confirmed, patterns: detectPatterns(confirmed) };
  const outcome: AuditOutcome = {
    ...base,
    findings: confirmed.length,
    alreadyTracked: confirmed.filter((finding) => tracked.has(finding.fingerprint)).length,
    unticked,
  };
  if (params.dryRun) {
    return { ...outcome, dryRun: confirmed.length > 0 ? renderAuditDryRun(chosen) : `For #${audit}, Factory would create nothing: no line of its reading is ticked.` };
  }
  // Nothing ticked is no reason to close the audit as having no finding: the reading stays for a maintainer.
  if (confirmed.length > 0) await applyUntilDone({ params, snapshot: chosen, outcome, tracked });
  return { ...outcome, reading: await writeReading({ ...place, findings, tracked }) };
}
