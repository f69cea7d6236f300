import { asciiLower } from "./ascii-lower.js";
import type { DispatchTarget } from "./command.js";
import { notAnIssue } from "./not-an-issue.js";
import { parseBounded } from "./parse-bounded.js";
import { parseIssueRef } from "./parse-issue-ref.js";
import { quoteToken } from "./quote-token.js";
import { unexpectedArgument } from "./unexpected-argument.js";

const MAX_PHASE = 50;
const MAX_DISPATCH_ISSUES = 50;

/** What `dispatch` is to hand out (`next`, `phase N` or issues), or the problem with its arguments. */
export function parseDispatchTarget(args: string[]): DispatchTarget | string {
  const [first, ...extra] = args;
  if (first === undefined) {
    return "`dispatch` needs a target: `phase N`, `next`, or issues like `#12 #15`.";
  }
  const keyword = asciiLower(first);
  if (keyword === "next") return extra[0] === undefined ? { kind: "next" } : unexpectedArgument("dispatch", extra[0]);
  if (keyword === "phase") {
    const [number, ...more] = extra;
    if (number === undefined) return `\`dispatch phase\` needs a phase number from 1 to ${MAX_PHASE}.`;
    const phase = parseBounded(number, 1, MAX_PHASE);
    if (phase === undefined) return `${quoteToken(number)} is not a phase number from 1 to ${MAX_PHASE}.`;
    return more[0] === undefined ? { kind: "phase", phase } : unexpectedArgument("dispatch", more[0]);
  }
  if (!first.startsWith("#")) {
    return unexpectedArgument("dispatch", first, "`phase N`, `next`, or issues like `#12 #15`");
  }
  const issues: number[] = [];
  for (const token of args) {
    const issue = parseIssueRef(token);
    if (issue === undefined) return notAnIssue("dispatch", token);
    if (!issues.includes(issue)) issues.push(issue);
    if (issues.length > MAX_DISPATCH_ISSUES) {
      return `\`dispatch\` takes at most ${MAX_DISPATCH_ISSUES} issues at a time.`;
    }
  }
  return { kind: "issues", issues };
}
