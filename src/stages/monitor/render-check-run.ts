import { neutraliseTitle } from "../../model/neutralise.js";
import type { PullDecision } from "./decide-pull.js";
import { nudgeSubject } from "./nudge-text.js";
import type { PullSnapshot } from "./pull-snapshot.js";


/**
 * The summary of the "Factory" check run (SPEC §2): the child and epic the
 * pull request belongs to, what Factory waits for or does next, the requests
 * sent, and whether it is escalated. Structural facts only; a reason that
 * names failing checks is neutralised, since anyone who can change a
 * workflow names them.
 */
export function renderCheckRun(params: { pull: PullSnapshot; child: number; epic: number; phase?: number; decision: PullDecision; escalationLabel: string }): string {
  const { pull, decision } = params;
  const counts = { checks: 0, reviews: 0, conflict: 0 };
  for (const nudge of pull.nudges) counts[nudge.kind] += 1;
  const requests = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ×${n}`)
    .join(", ");
  const escalated = pull.labels.some((label) => label.toLowerCase() === params.escalationLabel.toLowerCase());
  return [
    `Child #${params.child} of epic #${params.epic}${params.phase ? ` (phase ${params.phase})` : ""}.`,
    `Next: ${describeDecision(decision)}.`,
    `Requests sent to the agent: ${requests || "none"}.`,
    `Escalated: ${escalated ? `yes (\`${params.escalationLabel}\`)` : "no"}.`,
  ].join("\n");
}

function describeDecision(decision: PullDecision): string {
  switch (decision.kind) {
    case "wait":
      return neutraliseTitle(decision.reason);
    case "nudge":
      return `asking the agent to fix ${nudgeSubject(decision.nudge)}`;
    case "resolveConflict":
      return `asking ${decision.resolver} to resolve the merge conflict`;
    case "resolveThreads":
      return "resolving the review threads the new commit answered";
    case "updateBranch":
      return "bringing the branch up to date";
    case "enableAutoMerge":
      return decision.direct ? `Factory merges it now (${decision.direct})` : "merging once GitHub allows it";
    case "enqueue":
      return "adding it to the merge queue";
    case "escalate":
      return `escalating: ${neutraliseTitle(decision.reason)}`;
  }
}
