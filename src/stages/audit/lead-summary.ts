import type { Paragraph, PhrasingContent } from "mdast";
import { toString } from "mdast-util-to-string";
import type { FindingType, Severity } from "./finding.js";
import { readLocation } from "./find-locations.js";
import { splitLines } from "./read-fields.js";
import { stripTitleMarkers } from "./strip-title-markers.js";

/** A finding's short description read from the first line of a list item or paragraph. */
export interface LeadSummary {
  summary: string;
  severity?: Severity;
  type?: FindingType;
  /** True when the description came from bold or italic lead text. */
  emphasised: boolean;
}

/**
 * Reads the short description that leads a list item or paragraph:
 * `**SQL injection** (High) — the handler …` gives "SQL injection";
 * `[HIGH] SQL injection in search: the handler …` gives
 * "SQL injection in search". Markers before or after the lead are read
 * as the finding's severity.
 */
export function leadSummary(paragraph: Paragraph, options: { cut?: boolean } = {}): LeadSummary {
  const line = splitLines(paragraph)[0] ?? [];
  const whole = stripTitleMarkers(line.map((node) => toString(node)).join(""));
  const strongAt = line.findIndex((node) => node.type === "strong" || node.type === "emphasis");
  const before = line.slice(0, Math.max(0, strongAt)).map((node) => toString(node)).join("");
  if (strongAt >= 0 && stripTitleMarkers(before).text === "") {
    const lead = stripTitleMarkers(toString(line[strongAt] as PhrasingContent));
    const after = stripTitleMarkers(`x ${line.slice(strongAt + 1).map((node) => toString(node)).join("").split(/\s[-–—:]\s|:\s/)[0] ?? ""}`);
    if (lead.text) {
      return {
        summary: lead.text,
        severity: lead.severity ?? whole.severity ?? after.severity,
        type: lead.type ?? whole.type,
        emphasised: true,
      };
    }
  }
  const summary = options.cut === false ? whole.text : cutAtSeparator(whole.text);
  return { summary, severity: whole.severity, type: whole.type, emphasised: false };
}

/** The first clause of a line: up to a dash, a colon or the end of the first sentence. */
export function cutAtSeparator(text: string): string {
  let rest = text.trim();
  // A line may open with its location: "`api/search.go:42`: SQL injection …".
  for (;;) {
    const match = /^(\S+)\s*[:\-–—]\s+/.exec(rest);
    if (!match || !readLocation(match[1] as string, true)) break;
    rest = rest.slice(match[0].length);
  }
  const cut = /\s[-–—]\s|:\s|\.\s|;\s/.exec(rest);
  const first = cut && cut.index >= 3 ? rest.slice(0, cut.index) : rest;
  return first.replace(/[\s.:;,]+$/, "").trim();
}
