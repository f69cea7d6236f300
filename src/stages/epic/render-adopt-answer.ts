import { codeSpan } from "../../model/code-span.js";
import type { AdoptPlan } from "./adopt-plan.js";

/** What applying an adoption did, for the reply. */
export interface AdoptOutcome {
  /** The body edit was refused: someone edited the body after it was read. Nothing else was written. */
  bodyRefused?: string;
  /** The epic branch was created now, from this head; absent when it was there already. */
  branchFrom?: { branch: string; sha: string };
  /** Links GitHub refused (a child with another parent, a full parent). */
  problems: readonly string[];
}

/**
 * The reply to `/factory adopt`: what was adopted (phases and children, the
 * branch), what was not and why, and what comes next — or, for a dry run,
 * what would be written. Shows the maintainer's own lines only in code spans.
 */
export function renderAdoptAnswer(params: { plan: AdoptPlan; dryRun: boolean; outcome?: AdoptOutcome }): { ok: boolean; text: string } {
  const { plan, outcome } = params;
  if (plan.refused !== undefined) {
    const left = leftOut(plan);
    return { ok: false, text: [`Nothing was adopted. ${plan.refused}`, ...(left.length > 0 ? ["", "What Factory read:", "", ...left] : [])].join("\n") };
  }
  if (outcome?.bodyRefused !== undefined) {
    return { ok: false, text: `Nothing was adopted: ${outcome.bodyRefused}, so Factory did not write over the change. Run \`/factory adopt\` again to adopt the body as it is now.` };
  }
  const children = plan.phases.reduce((sum, phase) => sum + phase.children.length, 0);
  const size = `${children} ${children === 1 ? "child" : "children"} in ${plan.phases.length} phase${plan.phases.length === 1 ? "" : "s"}`;
  const branch = codeSpan(plan.branch ?? "");
  const lines: string[] = [];
  if (params.dryRun) {
    lines.push(`**Dry run:** nothing was changed. Factory would adopt #${plan.epic} as its epic, ${size}:`, "", ...phaseLines(plan));
    lines.push(
      "",
      "It would:",
      "",
      "- rewrite the body in Factory's epic format, keeping the text above the children as the overview",
      "- record the adoption in a comment of its own and add the epic and adopted labels",
      `- link each child as a sub-issue with a \`Parent: #${plan.epic}\` comment`,
      plan.branchReused ? `- reuse the branch ${branch}` : `- create the branch ${branch} from the default branch`,
    );
  } else {
    const how = plan.branchReused || !outcome?.branchFrom ? `reusing the branch ${branch}` : `on the new branch ${branch} from ${codeSpan(outcome.branchFrom.branch)}`;
    lines.push(`Adopted #${plan.epic} as Factory's epic, ${size}, ${how}:`, "", ...phaseLines(plan));
  }
  const left = leftOut(plan);
  if (left.length > 0) lines.push("", params.dryRun ? "Left out:" : "Not adopted:", "", ...left);
  for (const problem of outcome?.problems ?? []) lines.push("", `⚠️ ${problem}`);
  if (!params.dryRun) {
    lines.push(
      "",
      "From now on the body is the plan Factory follows: move a child between phases, add or remove a line, and Factory keeps to the edit. " +
        "Run `/factory dispatch next` here to hand the first phase to the agents.",
    );
  }
  return { ok: (outcome?.problems.length ?? 0) === 0, text: lines.join("\n") };
}

/**
 * The comment Factory posts on an epic it adopts, carrying the `adopted`
 * marker (added by the executor): written by Factory's app, it is what makes
 * the epic Factory's, since the issue itself was opened by a person.
 */
export function renderAdoptionRecord(params: { plan: AdoptPlan; by: string }): string {
  const { plan } = params;
  const children = plan.phases.reduce((sum, phase) => sum + phase.children.length, 0);
  const lines = [
    `Factory adopted this epic at ${codeSpan(params.by)}'s request (\`/factory adopt\`): ${children} ${children === 1 ? "child" : "children"} in ${plan.phases.length} phase${plan.phases.length === 1 ? "" : "s"}, branch ${codeSpan(plan.branch ?? "")}.`,
    "",
    ...phaseLines(plan),
  ];
  if (plan.dropped.length > 0) lines.push("", "Left out:", "", ...plan.dropped.map((child) => `- #${child.number}: ${child.reason}`));
  lines.push("", "The body was rewritten in Factory's format; GitHub keeps the earlier version in the body's edit history.");
  return lines.join("\n");
}

function phaseLines(plan: AdoptPlan): string[] {
  return plan.phases.map(
    (phase) =>
      `- Phase ${phase.number}: ${codeSpan(phase.name)} (${phase.kind}): ${phase.children.map((child) => `#${child.number}${child.checked ? " (closed)" : ""}`).join(", ")}`,
  );
}

function leftOut(plan: AdoptPlan): string[] {
  const lines = plan.dropped.map((child) => `- #${child.number}: ${child.reason}`);
  for (const number of plan.read?.duplicates ?? []) lines.push(`- #${number} is listed more than once; its first line counts`);
  for (const line of plan.read?.unread ?? []) lines.push(`- line ${line.line}, ${codeSpan(line.text)}: not read, ${line.reason}`);
  const ticks = plan.retick.filter((number) => !plan.dropped.some((child) => child.number === number));
  if (ticks.length > 0) lines.push(`- ${ticks.map((n) => `#${n}`).join(", ")}: ticked as GitHub has ${ticks.length === 1 ? "it" : "them"} (closed children are ticked, open ones not)`);
  return lines;
}
