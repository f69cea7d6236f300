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
