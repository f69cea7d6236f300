import { codeSpan } from "../../model/code-span.js";
import { neutraliseTitle } from "../../model/neutralise.js";
import type { EpicPlan, ExistingEpic } from "./plan-epics.js";

/** What `/factory epic --dry-run` would do, as Markdown (titles neutralised); nothing is written. */
export function renderEpicPlan(params: { plan: EpicPlan; epics: readonly ExistingEpic[]; prefix: string }): string {
  const { plan } = params;
  const lines: string[] = [];
  if (plan.epics.length === 0 && plan.extensions.length === 0 && plan.direct.length === 0) {
    lines.push("No open implementation issue is waiting for an epic.");
  }
  for (const epic of plan.epics) {
    lines.push(`- create **${neutraliseTitle(epic.title)}**, branch ${codeSpan(`${params.prefix}<number>-${epic.slug}`)}:`);
    for (const phase of epic.phases) {
      lines.push(`  - Phase ${phase.number}: ${phase.name} (${phase.kind}): ${phase.children.map((c) => `#${c.number}`).join(", ")}`);
    }
  }
  for (const extension of plan.extensions) {
    const title = params.epics.find((epic) => epic.number === extension.epic)?.title;
    lines.push(`- extend #${extension.epic}${title ? ` ${neutraliseTitle(title)}` : ""} with ${extension.children.map((n) => `#${n}`).join(", ")} in ${extension.phases.length} new phase${extension.phases.length === 1 ? "" : "s"}`);
  }
  if (plan.direct.length > 0) lines.push(`- leave ${plan.direct.map((n) => `#${n}`).join(", ")} out of epics, for direct dispatch (too few to group)`);
  lines.push(...renderCycles(plan.cycles));
  return lines.join("\n");
}

/** Dependency cycles, each named by its issues. */
export function renderCycles(cycles: readonly number[][]): string[] {
  return cycles.map(
    (cycle) =>
      `- ⚠️ ${cycle.map((n) => `#${n}`).join(" → ")} → #${cycle[0]} depend on each other in a cycle; they stay out of epics until a \`Depends on\` or \`Blocked by\` link is removed`,
  );
}
