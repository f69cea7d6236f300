import type { EpicStatus, EpicStatusChild } from "./epic-status.js";

/** `/factory status` on an epic: its title and branch, then each phase's progress and each child's line. */
export function renderEpicStatus(status: EpicStatus): string {
  const lines = [`**${status.title}** on \`${status.branch}\``, ""];
  for (const phase of status.phases) {
    lines.push(`- Phase ${phase.number}: ${phase.name} (${phase.kind}) — ${phase.done}/${phase.total} done`);
    for (const child of phase.children) lines.push(`  - #${child.number}: ${where(child)}`);
  }
  return lines.join("\n");
}

function where(child: EpicStatusChild): string {
  if (child.state === "done") return "done";
  if (child.pull) return `#${child.pull.number} ${child.pull.state}${child.waiting ? `: ${child.waiting}` : ""}`;
  return child.dispatched ? "dispatched, no pull request yet" : "not dispatched";
}
