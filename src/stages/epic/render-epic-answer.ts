import { codeSpan } from "../../model/code-span.js";
import type { EpicPlan } from "./plan-epics.js";
import { renderCycles } from "./render-epic-plan.js";

/** The parts of an epic run the reply reports. */
export interface EpicAnswerInput {
  plan: EpicPlan;
  created: ReadonlyArray<{ number: number; title: string; branch: string; children: number; phases: number }>;
  extended: ReadonlyArray<{ epic: number; children: readonly number[] }>;
  problems: readonly string[];
  dryRun?: string;
}

/** The reply to `/factory epic`: epics made and extended, issues left for direct dispatch, cycles and refused links. */
export function renderEpicAnswer(input: EpicAnswerInput, options: { directLabel: string }): { ok: boolean; text: string } {
  if (input.dryRun !== undefined) return { ok: true, text: `**Dry run:** nothing was changed. Factory would:\n\n${input.dryRun}` };
  const lines: string[] = [];
  for (const epic of input.created) {
    lines.push(`- created #${epic.number} with ${epic.children} ${epic.children === 1 ? "child" : "children"} in ${epic.phases} phase${epic.phases === 1 ? "" : "s"}, branch ${codeSpan(epic.branch)}`);
  }
  for (const extension of input.extended) {
    lines.push(`- added ${extension.children.map((n) => `#${n}`).join(", ")} to #${extension.epic} in new phases at its end`);
  }
  if (input.plan.direct.length > 0) {
    lines.push(`- ${input.plan.direct.map((n) => `#${n}`).join(", ")}: too few to group, labelled ${codeSpan(options.directLabel)} for direct dispatch`);
  }
  lines.push(...renderCycles(input.plan.cycles));
  for (const problem of input.problems) lines.push(`- ⚠️ ${problem}`);
  if (lines.length === 0) return { ok: true, text: "Nothing to do: every open implementation issue is already in an epic, and every epic has its branch and links." };
  return { ok: input.plan.cycles.length === 0 && input.problems.length === 0, text: lines.join("\n") };
}
