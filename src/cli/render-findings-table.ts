import type { Finding } from "../stages/audit/finding.js";

/** Findings as a plain-text list for a terminal: one block per finding. */
export function renderFindingsTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return "No actionable finding: Factory would close this audit as not planned.\n";
  const lines = findings.map((finding, index) => {
    const where = finding.locations.map((l) => `${l.path}${l.line ? `:${l.line}` : ""}`).join(", ") || "(no file named)";
    return [
      `${String(index + 1).padStart(3)}. ${finding.title}`,
      `     ${finding.severity} · ${finding.type} · ${finding.scope} · ${finding.complexity} · ${finding.fingerprint}`,
      `     ${where}`,
    ].join("\n");
  });
  return `${lines.join("\n")}\n\n${findings.length} finding${findings.length === 1 ? "" : "s"}.\n`;
}
