import type { Keywords } from "./classify-finding.js";
import type { Finding } from "./finding.js";
import { parseAudit } from "./parse-audit.js";
import { readStructuredAudit, type AuditProblem } from "./structured-audit.js";

/** An audit's findings, how they were read, and what keeps a structured audit from being read. */
export interface AuditText {
  /** The body declares Factory's structured format: it was read exactly, not guessed at. */
  structured: boolean;
  findings: Finding[];
  /** Set only for a structured audit that breaks the format: then there is no finding. */
  problems: AuditProblem[];
}

/**
 * Reads an audit's body: one that declares the structured format
 * (`Format: factory-audit/1`) with the exact reader, any other with the
 * heuristic parser (SPEC §1.1).
 */
export function readAudit(body: string, keywords: Keywords): AuditText {
  const structured = readStructuredAudit(body, keywords);
  if (!structured.declared) return { structured: false, findings: parseAudit(body, keywords), problems: [] };
  return { structured: true, findings: structured.findings, problems: structured.problems };
}
