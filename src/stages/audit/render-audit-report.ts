import { codeSpan } from "../../model/code-span.js";
import { frameworkTitle } from "./render-framework-body.js";
import type { AuditSnapshot } from "./plan-audit.js";

/**
 * The comment Factory leaves on a finished audit: every finding's issue, the
 * framework issues for patterns, and what happens to the audit. Issue
 * references render with their titles on GitHub, so the list stays short.
 */
export function renderAuditReport(snapshot: AuditSnapshot): string {
  const { audit, findings } = snapshot;
  if (findings.length === 0) {
    return [
      "Factory found no actionable finding in this audit, so it is closed as not planned.",
      "",
      "Findings are read from headings, list items, task lists and table rows that carry a severity, a file location or a fix; " +
        "summaries, scope, methodology, counts and positive observations are not findings, and ticked items count as done. " +
        `If something here should be fixed, reopen the audit, write it as a finding and run ${codeSpan("/factory audit")} again.`,
    ].join("\n");
  }
  const lines = findings.map((finding) => {
    const issue = snapshot.tracked.get(finding.fingerprint);
    const earlier = issue?.audit !== undefined && issue.audit !== audit.number ? ` — already tracked from #${issue.audit}` : "";
    return `- ${issue ? `#${issue.number}` : "(not created)"} ${finding.severity} · ${finding.type}${earlier}`;
  });
  const frameworks = snapshot.patterns.flatMap((pattern) => {
    const issue = snapshot.frameworks.get(pattern.fingerprint);
    return issue ? [`- #${issue.number} ${frameworkTitle(pattern)} (blocks ${pattern.members.length} of the issues above)`] : [];
  });
  const counts = ["critical", "high", "medium", "low"]
    .map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(", ");
  return [
    `Factory turned this audit into ${findings.length} implementation issue${findings.length === 1 ? "" : "s"} (${counts}):`,
    "",
    ...lines,
    ...(frameworks.length > 0 ? ["", "The same kind of fix recurs across packages, so these framework issues come first:", "", ...frameworks] : []),
    "",
    audit.state === "open" ? "Closing this audit as completed; the issues above carry the work." : "The audit is closed; the issues above carry the work.",
  ].join("\n");
}
