import { codeSpan } from "../../model/code-span.js";

/** One audit's outcome, as the command reply needs it. */
export interface AuditAnswerInput {
  number: number;
  notAudit?: boolean;
  /** Opened by someone without the command permission and not asked for by a permitted user: left alone. */
  stranger?: string;
  findings: number;
  created: readonly number[];
  frameworks: readonly number[];
  alreadyTracked: number;
  closed?: "completed" | "not_planned";
  dryRun?: string;
}

/** Most issue numbers listed in a reply; the audit's own report lists them all. */
const MAX_REFS = 30;

/**
 * The reply to `/factory audit [all]`: per audit, what was created, what
 * already existed and how the audit was closed — or, for a dry run, the plan.
 */
export function renderAuditAnswer(params: { outcomes: readonly AuditAnswerInput[]; all: boolean; auditLabel: string; dryRun: boolean }): {
  ok: boolean;
  text: string;
} {
  const { outcomes } = params;
  if (outcomes.length === 0) {
    return {
      ok: true,
      text: `No open audit in this repository: an audit is an issue whose title starts with \`[Audit]\` or \`audit:\`, or that carries the ${codeSpan(params.auditLabel)} label.`,
    };
  }
  const parts = outcomes.map((outcome) => {
    if (outcome.notAudit) {
      return `#${outcome.number} is not an audit, so nothing was done: its title must start with \`[Audit]\` or \`audit:\`, or it must carry the ${codeSpan(params.auditLabel)} label.`;
    }
    if (outcome.stranger !== undefined) {
      return `#${outcome.number} was skipped: it was opened by ${codeSpan(outcome.stranger)}, who lacks the command permission, so Factory processes it only when a maintainer asks — run ${codeSpan("/factory audit")} on it, or add the ${codeSpan(params.auditLabel)} label yourself.`;
    }
    if (outcome.dryRun !== undefined) return outcome.dryRun;
    return describe(outcome);
  });
  const ok = outcomes.every((outcome) => !outcome.notAudit);
  const text = params.dryRun ? [`**Dry run:** nothing was changed.`, ...parts].join("\n\n") : parts.join("\n\n");
  return { ok, text };
}

function describe(outcome: AuditAnswerInput): string {
  const sentences: string[] = [];
  if (outcome.findings === 0) {
    sentences.push(`#${outcome.number} has no actionable finding.`);
  } else if (outcome.created.length > 0) {
    sentences.push(`Created ${outcome.created.length} issue${outcome.created.length === 1 ? "" : "s"} from #${outcome.number}: ${refs(outcome.created)}.`);
  } else {
    sentences.push(`Nothing new from #${outcome.number}: its ${outcome.findings} finding${outcome.findings === 1 ? " already has an issue" : "s already have issues"}.`);
  }
  if (outcome.created.length > 0 && outcome.alreadyTracked > 0) {
    sentences.push(`${outcome.alreadyTracked} finding${outcome.alreadyTracked === 1 ? " already had its issue" : "s already had theirs"}.`);
  }
  if (outcome.frameworks.length > 0) {
    sentences.push(`Framework issue${outcome.frameworks.length === 1 ? "" : "s"} for repeated fixes: ${refs(outcome.frameworks)}.`);
  }
  if (outcome.closed) sentences.push(`Closed #${outcome.number} as ${outcome.closed === "completed" ? "completed" : "not planned"}; its last comment lists every issue.`);
  return sentences.join(" ");
}

function refs(numbers: readonly number[]): string {
  const shown = numbers.slice(0, MAX_REFS).map((n) => `#${n}`).join(", ");
  return numbers.length > MAX_REFS ? `${shown} and ${numbers.length - MAX_REFS} more` : shown;
}
