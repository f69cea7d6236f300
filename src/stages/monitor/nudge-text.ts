import { codeSpan } from "../../model/code-span.js";
import type { NudgeKind } from "./pull-snapshot.js";

/** What Factory asks an agent on its pull request (SPEC §1.4): check names only, nothing copied from logs or reviews. */
export function nudgeText(kind: NudgeKind, failing: readonly string[]): string {
  switch (kind) {
    case "checks":
      return `Can you fix the failing checks: ${failing.map((name) => codeSpan(name, 80)).join(", ")}?`;
    case "reviews":
      return "Can you fix the code reviews?";
    case "conflict":
      return "Can you fix the merge conflict?";
  }
}

/** What a request of `kind` asks the agent to fix, in words: "the failing checks", "the code reviews", "the merge conflict". */
export function nudgeSubject(kind: NudgeKind): string {
  return kind === "checks" ? "the failing checks" : kind === "reviews" ? "the code reviews" : "the merge conflict";
}

/**
 * What Factory asks the resolver agent on a pull request whose own agent
 * left a conflict: merge the target in, keep the target's side where the two
 * cannot both stay (the runbook's rule for stuck pull requests), and say
 * what was dropped. Branch names only.
 */
export function resolveText(base: string, head: string): string {
  return (
    `Can you resolve the merge conflict with ${codeSpan(base, 120)}? Merge ${codeSpan(base, 120)} into ${codeSpan(head, 120)}, ` +
    `keep ${codeSpan(base, 120)}'s side wherever the two cannot both stay, push the merge to this branch, and say in a comment which changes of this branch you dropped.`
  );
}
