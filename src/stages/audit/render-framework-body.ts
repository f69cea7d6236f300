import { fitTitle } from "../../model/fit-title.js";
import { neutraliseTitle } from "../../model/neutralise.js";
import type { Pattern } from "./detect-patterns.js";

const PHRASES: Record<string, string> = {
  "rate-limiting": "shared rate limiting",
  timeouts: "shared request timeouts",
  "parameterised-queries": "one parameterised query helper",
  "input-validation": "shared input validation",
  "output-encoding": "shared output encoding",
  "error-wrapping": "consistent error wrapping",
  "authorization-checks": "shared authorization checks",
  "secrets-management": "central secrets management",
  "structured-logging": "structured logging",
  retries: "a shared retry policy",
  "resource-cleanup": "consistent resource cleanup",
  pagination: "shared pagination",
  "context-propagation": "context propagation",
};

/** What a pattern's shared fix is called in titles and bodies. */
export function patternPhrase(fixKind: string): string {
  return PHRASES[fixKind] ?? fixKind.replace(/-/g, " ");
}

/** The framework issue's title: `security(framework): shared rate limiting across 4 packages`. */
export function frameworkTitle(pattern: Pattern): string {
  return fitTitle(`${pattern.type}(framework): ${patternPhrase(pattern.fixKind)} across ${pattern.components.length} packages`);
}

/**
 * The body of a framework issue: the shared fix, the issues it unblocks as a
 * task list (`- [ ] #13 …`, which the epic stage reads; titles
 * neutralised, since anyone may have edited them), and acceptance criteria.
 */
export function renderFrameworkBody(params: {
  pattern: Pattern;
  audit: number;
  members: ReadonlyArray<{ number: number; title: string }>;
}): string {
  const { pattern } = params;
  const phrase = patternPhrase(pattern.fixKind);
  return [
    `Parent audit: #${params.audit}`,
    "",
    `**Severity:** ${pattern.severity} · **Type:** ${pattern.type} · **Scope:** framework · **Complexity:** large`,
    "",
    `The audit asks for the same kind of fix (${phrase}) in ${pattern.components.length} packages: ${pattern.components.map((c) => `\`${c}\``).join(", ")}. ` +
      "Build it once, in a shared place, before the issues below apply it; they depend on this one.",
    "",
    "## Covers",
    "",
    ...params.members.map((member) => `- [ ] #${member.number} ${neutraliseTitle(member.title)}`),
    "",
    "## Acceptance criteria",
    "",
    `- [ ] One shared implementation of ${phrase} exists, with tests`,
    "- [ ] Each issue listed above can be finished by using it",
    "- [ ] CI passes",
    "",
  ].join("\n");
}
