import { asciiLower } from "./ascii-lower.js";
import type { Command, CommandLine, Verb } from "./command.js";
import { notAnIssue } from "./not-an-issue.js";
import { parseBudget } from "./parse-budget.js";
import { parseDispatchTarget } from "./parse-dispatch-target.js";
import { parseIssueRef } from "./parse-issue-ref.js";
import { unexpectedArgument } from "./unexpected-argument.js";

/** The command for `verb` and its arguments, or the problem with them. */
export function parseArguments(verb: Verb, args: string[], base: CommandLine): Command | string {
  switch (verb) {
    case "help":
    case "epic":
    case "adopt":
    case "status":
    case "sync":
    case "pause":
    case "resume":
      return noArguments(verb, args) ?? { ...base, verb };
    case "audit": {
      const [first, ...extra] = args;
      if (first === undefined) return { ...base, verb, all: false };
      if (asciiLower(first) !== "all") return unexpectedArgument(verb, first, "`all`");
      return extra[0] === undefined ? { ...base, verb, all: true } : unexpectedArgument(verb, extra[0]);
    }
    case "dispatch": {
      const target = parseDispatchTarget(args);
      return typeof target === "string" ? target : { ...base, verb, target };
    }
    case "budget":
      return parseBudget(args, base);
    case "retry":
    case "escalate": {
      const [first, ...extra] = args;
      if (first === undefined) return `\`${verb}\` needs the issue to act on, like \`/factory ${verb} #12\`.`;
      const issue = parseIssueRef(first);
      if (issue === undefined) return notAnIssue(verb, first);
      return extra[0] === undefined ? { ...base, verb, issue } : unexpectedArgument(verb, extra[0]);
    }
  }
}

function noArguments(verb: Verb, args: string[]): string | undefined {
  const first = args[0];
  return first === undefined ? undefined : unexpectedArgument(verb, first);
}
