import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import type { Severity } from "./finding.js";
import { severityOfToken } from "./read-severity.js";
import { leadingMark, MARK } from "./leading-mark.js";
import type { Context } from "./finding-context.js";

/** A mark and the severity word after it: "❌ Critical", "⚠️ Warn". */
const LEGEND_ENTRY = new RegExp(`^(${MARK})\\s*\\**\\s*([A-Za-z]+)`, "u");

/**
 * The marks a report defines as severities in its table headers or its
 * headings ("| ❌ Critical | ⚠️ Warn | ✅ Pass |"), beyond the coloured
 * circles every reader knows: an item flagged with such a mark has that
 * severity.
 */
export function readLegend(root: Root): Map<string, Severity> {
  const legend = new Map<string, Severity>();
  const note = (text: string) => {
    const entry = LEGEND_ENTRY.exec(text.trim());
    if (!entry) return;
    const mark = (entry[1] as string).replace(/\uFE0F/g, "");
    const severity = severityOfToken(entry[2] as string);
    if (severity && !severityOfToken(mark) && !legend.has(mark)) legend.set(mark, severity);
  };
  for (const node of root.children) {
    if (node.type === "table") for (const cell of node.children[0]?.children ?? []) note(toString(cell));
    if (node.type === "heading") note(toString(node));
  }
  return legend;
}

/** The severity a report's legend gives the mark that opens `text`, if any. */
export function legendSeverity(text: string, context: Context): Severity | undefined {
  const mark = leadingMark(text);
  return mark ? context.legend?.get(mark) : undefined;
}
