import { neutraliseTitle } from "../../model/neutralise.js";
import { labelsOfFinding } from "./finding-labels.js";
import type { AuditSnapshot } from "./plan-audit.js";
import { frameworkTitle } from "./render-framework-body.js";

/** Most new issues listed one by one in a dry run; the rest are counted. */
const MAX_LISTED = 60;

/** What `/factory audit --dry-run` would do for one audit, as Markdown; nothing is written. */
export function renderAuditDryRun(snapshot: AuditSnapshot): string {
  const { audit } = snapshot;
  const fresh = snapshot.findings.filter((finding) => !snapshot.tracked.has(finding.fingerprint));
  const known = snapshot.findings.length - fresh.length;
  const patterns = snapshot.patterns.filter((pattern) => !snapshot.frameworks.has(pattern.fingerprint));
  const lines: string[] = [`For #${audit.number}, Factory would:`, ""];
  if (snapshot.findings.length === 0) {
    lines.push(`- find no actionable finding, comment why and close #${audit.number} as not planned.`);
    return lines.join("\n");
  }
  if (fresh.length > 0) {
    lines.push(`- create ${fresh.length} issue${fresh.length === 1 ? "" : "s"}:`, "", "  | Title | Labels |", "  | --- | --- |");
    for (const finding of fresh.slice(0, MAX_LISTED)) {
      const labels = labelsOfFinding(finding, snapshot.language, snapshot.labelScheme).map((label) => `\`${label.name}\``).join(" ");
      lines.push(`  | ${neutraliseTitle(finding.title).replaceAll("|", "\\|")} | ${labels} |`);
    }
    if (fresh.length > MAX_LISTED) lines.push(`  | …and ${fresh.length - MAX_LISTED} more | |`);
    lines.push("");
  }
  if (known > 0) lines.push(`- skip ${known} finding${known === 1 ? "" : "s"} that already ha${known === 1 ? "s an issue" : "ve issues"};`);
  for (const pattern of patterns) {
    lines.push(`- create the framework issue "${frameworkTitle(pattern)}", blocking the ${pattern.members.length} issues it covers;`);
  }
  lines.push(
    snapshot.reported
      ? "- leave the audit as it is: it has its report already."
      : `- comment the list of issues here${audit.state === "open" ? ` and close #${audit.number} as completed` : ""}.`,
  );
  return lines.join("\n");
}
