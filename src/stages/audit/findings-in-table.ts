import type { Paragraph, RootContent, Table, TableCell } from "mdast";
import { toString } from "mdast-util-to-string";
import { fieldOfColumn, normaliseLabel, type FieldName } from "./field-name.js";
import type { RawFinding } from "./finding.js";
import { definedValues, toRaw, type Context } from "./finding-context.js";
import { leadSummary } from "./lead-summary.js";
import { applyField, emptyReading, type FieldReading } from "./read-fields.js";

/**
 * The findings of a GFM table, one per row, whatever the order of its
 * columns: its title (or description) column, severity, type, location and
 * fix columns; rows that are done, resolved in a commit, or kept for later
 * are left out. A table without a title column is a dependency report's.
 */
export function findingsInTable(table: Table, context: Context): RawFinding[] {
  const [header, ...rows] = table.children;
  if (!header) return [];
  const columns: Array<FieldName | undefined> = header.children.map((cell) => fieldOfColumn(toString(cell)));
  let titleColumn = columns.indexOf("title");
  // A "Description" column is the finding only in a table that also rates or locates it (not a revision history).
  if (titleColumn < 0 && (columns.includes("severity") || columns.includes("location"))) titleColumn = columns.indexOf("detail");
  if (titleColumn < 0) return columns.includes("severity") ? findingsInDependencyTable(table, columns, context) : [];
  // A "resolved in commit" column with a value says the row is done; a "Fixed in" version column does not.
  const resolvedColumn = header.children.findIndex((cell) => /\b(resolved|commit)\b/i.test(toString(cell)));
  const found: RawFinding[] = [];
  for (const row of rows) {
    const cells = row.children;
    const titleCell = cells[titleColumn];
    if (!titleCell) continue;
    const lead = leadSummary({ type: "paragraph", children: titleCell.children }, { cut: false });
    if (!lead.summary || isPlaceholder(lead.summary) || cells.some((cell, index) => columns[index] === "id" && isPlaceholder(toString(cell)))) continue;
    if (resolvedColumn >= 0 && resolvedColumn !== titleColumn && !/^(|[-–—]+|no|none|open|pending|tbd|n\/a)$/i.test(toString(cells[resolvedColumn] ?? { type: "text", value: "" }).trim())) continue;
    const reading: FieldReading = emptyReading();
    const detail: RootContent[] = [];
    cells.forEach((cell, index) => {
      const column = columns[index];
      const text = toString(cell).trim();
      if (!text) return;
      if (index !== titleColumn) {
        detail.push(labelledCell(header.children[index] ?? cell, cell));
      }
      if (column && column !== "title" && column !== "id" && column !== "detail") {
        applyField(reading, column, [{ type: "paragraph", children: cell.children }]);
      }
    });
    if (reading.resolved) continue;
    const explicit = { ...definedValues({ severity: lead.severity, type: lead.type }), ...definedValues(reading.explicit) };
    const description = { type: "paragraph" as const, children: titleCell.children };
    found.push({ ...toRaw({ summary: lead.summary, detail: [description, ...detail], explicit, reading, context }), origin: "table" });
  }
  return found;
}

/** A row kept for later ("…", "TBD", "TODO"): no finding yet. */
export function isPlaceholder(text: string): boolean {
  return /^\s*(\.{3}|…|tbd|todo|tba|-+|—)\b/i.test(text) || /^\s*(\.{3}|…)\s*$/.test(text);
}

/** Headers of a dependency report's columns: the package, its version, and what is wrong with it. */
const PACKAGE_COLUMN = /^(package|dependency|library|module|crate|gem|component)s?$/;

const VERSION_COLUMN = /^(current|version|installed|current version|installed version)$/;

const ADVISORY_COLUMN = /^(advisory|vulnerability|cve|issue|title)$/;

/**
 * A dependency audit's table (`| Package | Current | Fixed in | Severity |
 * Recommendation |`): one security finding per vulnerable package, titled
 * by the package, its version and the advisory — from an advisory column,
 * or the words in brackets after the recommendation ("Update to x@1.2
 * (ReDoS)").
 */
function findingsInDependencyTable(table: Table, columns: ReadonlyArray<FieldName | undefined>, context: Context): RawFinding[] {
  const [header, ...rows] = table.children;
  const names = (header?.children ?? []).map((cell) => normaliseLabel(toString(cell)));
  const packageColumn = names.findIndex((name) => PACKAGE_COLUMN.test(name));
  if (packageColumn < 0) return [];
  const versionColumn = names.findIndex((name) => VERSION_COLUMN.test(name));
  const advisoryColumn = names.findIndex((name) => ADVISORY_COLUMN.test(name));
  const fixColumn = columns.indexOf("fix");
  const found: RawFinding[] = [];
  for (const row of rows) {
    const cell = (index: number) => (index < 0 ? "" : toString(row.children[index] ?? { type: "text", value: "" }).trim());
    const name = cell(packageColumn);
    if (!name || isPlaceholder(name)) continue;
    const advisory = cell(advisoryColumn) || (/\(([^)]+)\)\s*$/.exec(cell(fixColumn))?.[1] ?? "has a known vulnerability");
    const reading: FieldReading = emptyReading();
    columns.forEach((column, index) => {
      if (column === "severity" || column === "fix" || column === "status") applyField(reading, column, [{ type: "paragraph", children: row.children[index]?.children ?? [] }]);
    });
    if (reading.resolved) continue;
    const detail: RootContent[] = row.children.map((rowCell, index) => labelledCell(header?.children[index] ?? rowCell, rowCell));
    const summary = [name, cell(versionColumn), advisory].filter(Boolean).join(" ");
    found.push({ ...toRaw({ summary, detail, explicit: { type: "security", ...definedValues(reading.explicit) }, reading, context }), origin: "table" });
  }
  return found;
}

/** A cell as a line of the finding's detail, under its column's name: `**Severity**: High`. */
function labelledCell(header: TableCell, cell: TableCell): Paragraph {
  return { type: "paragraph", children: [{ type: "strong", children: [{ type: "text", value: toString(header) }] }, { type: "text", value: ": " }, ...cell.children] };
}
