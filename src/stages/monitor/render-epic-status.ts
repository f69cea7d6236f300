import { neutraliseTitle } from "../../model/neutralise.js";
import type { EpicStatus, EpicStatusChild } from "./epic-status.js";

/** `/factory status` on an epic: its title (neutralised) and branch, then each phase's progress and each child's line. */
export function renderEpicStatus(status: EpicStatus): string {
  const lines = [`**${neutraliseTitle(status.title)}** on \`${status.branch}\``, ""];
  for (const phase of status.phases) {
    lines.push(`- Phase ${phase.number}: ${phase.name} (${phase.kind}) — ${phase.done}/${phase.total} done`);
    for (const child of phase.children) lines.push(`  - #${child.number}: ${where(child)}`);
  }
  if (status.strangers.length > 0) {
    // Named without their authors: a status reply pings no one.
    lines.push("", "Not an agent's (ignored: never retargeted, merged or counted):");
    for (const stranger of status.strangers) lines.push(`- #${stranger.pull}, naming #${stranger.child}`);
  }
  return lines.join("\n");
}

function where(child: EpicStatusChild): string {
  if (child.state === "done") return "done";
  if (child.pull) return `#${child.pull.number} ${child.pull.state}${child.waiting ? `: ${child.waiting}` : ""}`;
  return child.dispatched ? "dispatched, no pull request yet" : "not dispatched";
}
