import { codeSpan } from "../../model/code-span.js";
import { DECLARATION_LINE, type AuditProblem } from "./structured-audit.js";

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
  problems?: readonly AuditProblem[];
  reading?: "posted" | "updated" | "unchanged";
  unticked?: number;
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
    if (outcome.problems !== undefined) return renderProblems(outcome.number, outcome.problems);
    if (outcome.dryRun !== undefined) return outcome.dryRun;
    if (outcome.reading === "posted") return `Factory posted its reading of #${outcome.number} (${plural(outcome.findings, "finding")}) for a maintainer to confirm: untick what is not a finding, then tick **Create these issues** on it or run ${codeSpan("/factory audit")} again. Nothing was created.`;
    if (outcome.unticked !== undefined && outcome.findings === 0) return `No line of Factory's reading of #${outcome.number} is ticked, so nothing was created.`;
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
  if (outcome.unticked) sentences.push(`${plural(outcome.unticked, "finding")} left unticked in the reading ${outcome.unticked === 1 ? "was" : "were"} not created.`);
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

/**
 * Why a structured audit was not read: every problem with its line. Shared
 * by the command's reply and the comment an opened or edited audit gets.
 */
export function renderProblems(audit: number, problems: readonly AuditProblem[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS).map((problem) => `- line ${problem.line}: ${problem.message}`);
  if (problems.length > MAX_PROBLEMS) shown.push(`- …and ${problems.length - MAX_PROBLEMS} more`);
  return [
    `#${audit} declares Factory's structured audit format (${codeSpan(DECLARATION_LINE)}) but does not follow it, so Factory created nothing. Fix these lines and run ${codeSpan("/factory audit")} again:`,
    "",
    ...shown,
  ].join("\n");
}

/** Most problems listed; a broken audit usually repeats one mistake. */
const MAX_PROBLEMS = 50;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
