import type { Paragraph, PhrasingContent } from "mdast";
import { toString } from "mdast-util-to-string";
import type { FindingType, Severity } from "./finding.js";
import { readLocation } from "./find-locations.js";
import { splitLines } from "./read-fields.js";
import { stripTitleMarkers } from "./strip-title-markers.js";

/** A bold lead that is only an id: `L1`, `H-2`, `SEC-004`, `#12`, `Q07`. */
const ONLY_ID = /^(?:#?\d+|#?[A-Z]{1,6}\d{0,4}[-_]?\d+(?:\.\d+)*)[.:)]?$/;

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
    const bold = toString(line[strongAt] as PhrasingContent).trim();
    // "**L1** — Session lifetime is 30 days": a bold id leads; the finding is the text after it.
    if (ONLY_ID.test(bold)) {
      const rest = line.slice(strongAt + 1).map((node) => toString(node)).join("").replace(/^\s*[:\-–—|.)]\s*/, "");
      const after = stripTitleMarkers(rest);
      if (after.text) return { summary: options.cut === false ? after.text : cutAtSeparator(after.text), severity: after.severity ?? whole.severity, type: after.type ?? whole.type, emphasised: true };
    }
    const lead = stripTitleMarkers(bold);
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
