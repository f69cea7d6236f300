import { MAX_BODY_CHARS, shortenMarkdown } from "./body-limit.js";
import type { Finding, Location } from "./finding.js";

/**
 * The body of a finding's implementation issue (SPEC §1.1): the parent
 * audit, the classification, locations, the fix and acceptance criteria as a
 * task list, then the finding as the audit wrote it. What an agent acts on
 * comes first; only the audit's own text is shortened to fit.
 */
export function renderFindingBody(params: { finding: Finding; audit: number }): string {
  const { finding } = params;
  const head = [
    `Parent audit: #${params.audit}`,
    "",
    `**Severity:** ${finding.severity} · **Type:** ${finding.type} · **Scope:** ${finding.scope} · **Complexity:** ${finding.complexity}`,
    "",
    "## Locations",
    "",
    finding.locations.length > 0 ? finding.locations.map((location) => `- ${renderLocation(location)}`).join("\n") : "_The audit names no file._",
    "",
    "## Fix",
    "",
    finding.fix ?? "_The audit gives no fix; address the finding described below._",
    "",
    "## Acceptance criteria",
    "",
    finding.acceptance.map((item) => `- [ ] ${item}`).join("\n"),
    "",
    "## Finding",
    "",
  ].join("\n");
  return `${head}${shortenMarkdown(finding.details, MAX_BODY_CHARS - head.length - 200)}\n`;
}

/** A location as inline code: `path:line`. */
export function renderLocation(location: Location): string {
  return `\`${location.path}${location.line ? `:${location.line}` : ""}\``;
}
