import type { List, ListItem, Nodes, Paragraph, Root, RootContent, Table } from "mdast";
import { toString } from "mdast-util-to-string";
import { fieldOfColumn, fieldOfLabel, normaliseLabel, type FieldName } from "./field-name.js";
import type { ExplicitValues, RawFinding, Severity } from "./finding.js";
import { findLocations } from "./find-locations.js";
import { headingRole } from "./heading-role.js";
import { documentType } from "./read-type.js";
import { severityOfToken } from "./read-severity.js";
import { leadSummary } from "./lead-summary.js";
import { applyField, emptyReading, labelOf, readFields, splitLines, type FieldReading } from "./read-fields.js";
import { buildSections, flattenSection, type Section } from "./section-tree.js";
import { stripTitleMarkers } from "./strip-title-markers.js";

interface Context {
  /** What the headings above say about the findings below them. */
  inherited: ExplicitValues;
  /** Inside a heading that groups findings ("Findings", "High", "A03:2021 – Injection"). */
  inGroup: boolean;
  /** Summary sections are read: nothing else in the audit holds a finding. */
  summaries?: boolean;
  /** What the report's title says all its findings are about. */
  fallback?: ExplicitValues;
  /** Marks the report defines as severities in a legend or a column ("❌ Critical", "⚠️ Warn"). */
  legend?: ReadonlyMap<string, Severity>;
}

/**
 * Finds the findings in a parsed audit, whatever its shape: a heading per
 * finding (with labelled parts or sub-headings), lists and task lists under
 * severity or category headings, GFM tables in any column order, or bold
 * lead paragraphs. Sections that hold no findings (summary, scope,
 * methodology, counts tables, positive observations …) are skipped, and so
 * are findings already ticked off or marked fixed.
 */
export function extractFindings(root: Root): RawFinding[] {
  const tree = buildSections(root);
  const found: RawFinding[] = [];
  const title = tree.children.find((section) => section.heading?.depth === 1)?.title ?? tree.children[0]?.title ?? "";
  const type = documentType(title);
  const legend = readLegend(root);
  const start: Context = { inherited: {}, inGroup: tree.children.length === 0, ...(type ? { fallback: { type } } : {}), ...(legend.size > 0 ? { legend } : {}) };
  visit(tree, start, found);
  // A report whose only findings sit in its summary ("Key findings" under an executive summary): read them there.
  if (found.length === 0) visit(tree, { ...start, summaries: true }, found);
  return dropRepeats(found);
}

function visit(section: Section, outer: Context, found: RawFinding[]): void {
  let context = outer;
  if (section.heading) {
    const role = headingRole(section.title, section.heading.depth);
    if (role.kind === "skip" && !(role.summary && outer.summaries)) return;
    const leaf = section.children.length === 0;
    if (role.kind === "group" && !(role.tentative && leaf && !isListOfFindings(section))) {
      context = { ...outer, inherited: { ...outer.inherited, ...definedValues(role.values) }, inGroup: true };
      if (leaf) {
        found.push(...findingsInContent(section.content, context, { strict: false }));
        return;
      }
    } else if (role.kind === "document") {
      if (leaf) {
        found.push(...findingsInContent(section.content, context, { strict: true }));
        return;
      }
    } else if (isFindingWithParts(section)) {
      const finding = findingFromSection(section, context);
      if (!finding.resolved) found.push(finding);
      return;
    } else if (leaf) {
      found.push(...leafFindings(section, context));
      return;
    }
  }
  found.push(...findingsInContent(section.content, context, { strict: !context.inGroup || section.heading !== undefined }));
  for (const child of section.children) visit(child, context, found);
}

const STRONG_PARTS = new Set(["fix", "location", "severity", "acceptance", "effort"]);
const STRONG_DETAILS = /^(description|impact|evidence|steps to reproduce|reproduction|proof of concept|poc|root cause|details?|problem)$/;

/** A finding's number or id at the start of a heading: "1.", "CRIT-01", "[H-2]", "SEC-004:", or a flag such as ❌ or 🔴. */
const ITEM_MARK = /^\s*(?:\d+(?:\.\d+)*[.):]|\[?#?[A-Z]{1,6}\d{0,4}-\d+\]?|[A-Z]{1,3}\d{1,3}\b|(?:❌|⚠️?|🔴|🟠|🟡|🟢|🚨))/u;

/**
 * A heading whose sub-headings are a finding's parts (Description, Impact,
 * Recommendation …) — or any sub-headings under a numbered or flagged
 * heading that describes the problem before them ("### 1. ❌ Row level
 * security disabled", its text, then "#### Grants table"), as long as they
 * are not numbered themselves.
 */
function isFindingWithParts(section: Section): boolean {
  if (section.children.length === 0) return false;
  // Its own text comes first: a numbered heading straight over sub-headings ("## 2. PERFORMANCE") is a group of them.
  const describes = section.content.some((node) => node.type === "paragraph" || node.type === "list" || node.type === "code");
  if (describes && ITEM_MARK.test(section.title) && !section.children.some((child) => ITEM_MARK.test(child.title))) return true;
  let parts = 0;
  let strong = false;
  for (const child of section.children) {
    const field = fieldOfLabel(child.title);
    if (!field) continue;
    parts += 1;
    if (STRONG_PARTS.has(field) || STRONG_DETAILS.test(normaliseLabel(child.title))) strong = true;
  }
  return strong && parts * 2 >= section.children.length;
}

/** Content led by a list (or table) of several findings, with no fields of its own. */
function isListOfFindings(section: Section): boolean {
  const reading = readFields(section.content);
  const hasOwnFields = reading.fix !== undefined || reading.statedLocations.length > 0;
  return !hasOwnFields && section.content.some((node) => node.type === "list" || node.type === "table");
}

function leafFindings(section: Section, context: Context): RawFinding[] {
  // A heading over a list of findings (a subsystem, or a heading in a language the roles do not know).
  const reading = readFields(section.content);
  const hasOwnFields = reading.fix !== undefined || reading.explicit.severity !== undefined || reading.statedLocations.length > 0;
  // A checklist or a ✅/⚠️/❌ list: its flagged items are the findings, one or none included.
  if (section.content.some((node) => node.type === "list" && isMarkedList(node))) return findingsInContent(section.content, context, { strict: true });
  if (!hasOwnFields) {
    const listed = findingsInContent(section.content, context, { strict: true });
    if (listed.length >= 2) return listed;
  }
  // A section that reports a clean result ("No issues found.", "0 vulnerabilities") is no finding.
  if (isCleanResult(section)) return [];
  const finding = findingFromSection(section, context);
  const prose = section.content.map((node) => (node.type === "list" ? withoutCheckedItems(node) : node));
  const signals =
    context.inGroup ||
    finding.explicit.severity !== undefined ||
    (finding.statedLocations?.length ?? 0) > 0 ||
    finding.fix !== undefined ||
    findLocations(prose).length > 0;
  return signals && !finding.resolved ? [finding] : [];
}

function withoutCheckedItems(list: List): List {
  return { ...list, children: list.children.filter((item) => item.checked !== true) };
}

function findingFromSection(section: Section, context: Context): RawFinding {
  const title = stripTitleMarkers(section.title);
  const reading = readFields(section.content);
  for (const child of section.children) {
    const field = fieldOfLabel(child.title);
    const nodes = flattenSection(child);
    if (field && field !== "detail" && field !== "title" && field !== "id") {
      applyField(reading, field, nodes);
      // "#### Remediation" then "**Status**: Remediated": the part says the finding is done.
      if (readFields(nodes).resolved) reading.resolved = true;
    } else readFields(nodes, reading);
  }
  const explicit = { ...definedValues({ severity: title.severity, type: title.type }), ...definedValues(reading.explicit) };
  return { ...toRaw({ summary: title.text, detail: flattenSection(section), explicit, reading, context }), origin: "section", ...(reading.resolved ? { resolved: true } : {}) };
}

function findingsInContent(nodes: readonly RootContent[], context: Context, options: { strict: boolean }): RawFinding[] {
  const found: RawFinding[] = [];
  const hasStructure = nodes.some((node) => node.type === "list" || node.type === "table");
  for (const node of nodes) {
    if (node.type === "list") found.push(...findingsInList(node, context, options));
    if (node.type === "table") found.push(...findingsInTable(node, context));
  }
  if (!hasStructure && !options.strict) found.push(...findingsInLeadParagraphs(nodes, context));
  return found;
}

/** How a list item is marked: done or fine (a ticked box, ✅, "is fine"), a problem (an open box, ❌, ⚠️), or not at all. */
function itemMark(item: ListItem): "done" | "problem" | undefined {
  if (item.checked === true) return "done";
  const first = item.children[0];
  const text = first ? toString(first).trim() : "";
  if (/^(✅|✔|☑|✓|👍|🟢\s*(ok|pass|good))/u.test(text) || BENIGN.test(text)) return "done";
  if (item.checked === false || /^(❌|⚠|✗|✘|🚫|⛔|🔴|🟠|🟡)/u.test(text)) return "problem";
  return undefined;
}

/** Words that say an item is fine as it is: noted for awareness, by design, no action needed. */
const BENIGN = /\b(is fine|are fine|looks fine|fine as is|no action (is )?(needed|required)|for awareness|noted only|by design|not a bug|not an issue|works as intended|as intended|already (handled|fixed|in place|done)|none found|no issues? found)\b/i;

/** A list whose items carry marks (task boxes, ✅ ❌ ⚠️): its open or flagged items are the findings, however few. */
function isMarkedList(list: List): boolean {
  const marks = list.children.map(itemMark);
  return marks.filter(Boolean).length * 2 >= list.children.length && marks.some((mark) => mark === "done");
}

/** A list of a finding's labelled parts (`- **Location:** …`, `- **Risk:** …`): half its items or more name a field. */
function isFieldList(list: List): boolean {
  const labelled = list.children.filter((item) => {
    const first = item.children[0];
    return first?.type === "paragraph" && labelOf(splitLines(first)[0] ?? []) !== undefined;
  }).length;
  return labelled > 0 && labelled * 2 >= list.children.length;
}

function findingsInList(list: List, context: Context, options: { strict: boolean }): RawFinding[] {
  if (isFieldList(list)) return [];
  const found: RawFinding[] = [];
  const marked = isMarkedList(list);
  for (const item of list.children) {
    const mark = itemMark(item);
    if (mark === "done" || (marked && mark !== "problem")) continue;
    const finding = findingFromItem(item, context);
    if (!finding) continue;
    if (options.strict && !marked && !looksLikeFinding(finding, item)) continue;
    found.push(finding);
  }
  return found;
}

function findingFromItem(item: ListItem, context: Context): (RawFinding & { emphasised: boolean }) | undefined {
  const first = item.children[0];
  if (first?.type !== "paragraph") return undefined;
  const lead = leadSummary(first);
  if (!lead.summary) return undefined;
  const reading = readFields(item.children.slice(1));
  readFields([restOfFirstParagraph(first)], reading);
  if (reading.resolved) return undefined;
  const explicit = { ...definedValues({ severity: lead.severity ?? legendSeverity(toString(first), context), type: lead.type }), ...definedValues(reading.explicit) };
  return { ...toRaw({ summary: lead.summary, detail: item.children, explicit, reading, context }), emphasised: lead.emphasised, origin: "item" };
}

/** The first paragraph without its first line (which is the lead). */
function restOfFirstParagraph(paragraph: Paragraph): Paragraph {
  const index = paragraph.children.findIndex((node) => node.type === "break" || (node.type === "text" && node.value.includes("\n")));
  if (index < 0) return { type: "paragraph", children: [] };
  const at = paragraph.children[index] as Nodes;
  const tail = at.type === "text" ? [{ type: "text" as const, value: at.value.slice(at.value.indexOf("\n") + 1) }] : [];
  return { type: "paragraph", children: [...tail, ...paragraph.children.slice(index + 1)] };
}

function looksLikeFinding(finding: RawFinding & { emphasised: boolean }, item: ListItem): boolean {
  if (finding.explicit.severity) return true;
  const hasFields = finding.fix !== undefined || (finding.statedLocations?.length ?? 0) > 0;
  if (hasFields) return true;
  return finding.emphasised && findLocations(item.children).length > 0;
}

function findingsInTable(table: Table, context: Context): RawFinding[] {
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
        detail.push({
          type: "paragraph",
          children: [{ type: "strong", children: [{ type: "text", value: toString(header.children[index] ?? cell) }] }, { type: "text", value: ": " }, ...cell.children],
        });
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

/** Paragraphs that open with bold text, each a finding with the blocks that follow it. */
function findingsInLeadParagraphs(nodes: readonly RootContent[], context: Context): RawFinding[] {
  const found: RawFinding[] = [];
  let current: { lead: ReturnType<typeof leadSummary>; nodes: RootContent[] } | undefined;
  const flush = () => {
    if (!current) return;
    const reading = readFields(current.nodes.slice(1));
    const explicit = { ...definedValues({ severity: current.lead.severity, type: current.lead.type }), ...definedValues(reading.explicit) };
    if (!reading.resolved) found.push({ ...toRaw({ summary: current.lead.summary, detail: current.nodes, explicit, reading, context }), origin: "lead" });
    current = undefined;
  };
  for (const node of nodes) {
    if (node.type === "paragraph" && node.children[0]?.type === "strong" && !fieldOfLabel(toString(node.children[0]))) {
      const lead = leadSummary(node);
      if (lead.emphasised) {
        flush();
        current = { lead, nodes: [node] };
        continue;
      }
    }
    current?.nodes.push(node);
  }
  flush();
  return found;
}

function toRaw(params: {
  summary: string;
  detail: readonly Nodes[];
  explicit: ExplicitValues;
  reading: FieldReading;
  context: Context;
}): RawFinding {
  const raw: RawFinding = {
    summary: params.summary,
    detail: [...params.detail],
    explicit: params.explicit,
    inherited: params.context.inherited,
    statedLocations: params.reading.statedLocations,
    ...(params.context.fallback ? { fallback: params.context.fallback } : {}),
  };
  if (params.reading.fix) raw.fix = params.reading.fix;
  if (params.reading.acceptance?.length) raw.acceptance = params.reading.acceptance;
  return raw;
}

function definedValues(values: ExplicitValues): ExplicitValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as ExplicitValues;
}

/** Lower-case words of a summary, for telling a repeated finding. */
function wordsOf(summary: string): Set<string> {
  return new Set(summary.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1));
}

/**
 * One finding per problem: a summary table or a key-findings list that
 * repeats the detailed sections (the same words, give or take one or two)
 * is read once — the fuller one is kept, at its place, with the other's
 * stated severity and locations when it lacks them.
 */
function dropRepeats(found: RawFinding[]): RawFinding[] {
  const words = found.map((finding) => wordsOf(finding.summary));
  const paths = found.map((finding) => new Set([...(finding.statedLocations ?? []), ...findLocations(finding.detail)].map((location) => location.path)));
  const dropped = new Set<number>();
  for (let i = 0; i < found.length; i++) {
    if (dropped.has(i)) continue;
    for (let j = i + 1; j < found.length; j++) {
      if (dropped.has(j)) continue;
      const a = words[i] as Set<string>;
      const b = words[j] as Set<string>;
      // Only across shapes (a table row and a section, a key-findings item and a section): two items of one list are two findings.
      if ((found[i] as RawFinding).origin === (found[j] as RawFinding).origin) continue;
      const shared = [...a].filter((word) => b.has(word)).length;
      if (shared === 0 || shared / Math.max(a.size, b.size) < 0.8) continue;
      // The same words about different files are two findings ("Errors ignored in LoadEntry" in two packages).
      const [pa, pb] = [paths[i] as Set<string>, paths[j] as Set<string>];
      if (pa.size > 0 && pb.size > 0 && ![...pa].some((path) => pb.has(path))) continue;
      const [keep, lose] = weight(found[j] as RawFinding) > weight(found[i] as RawFinding) ? [j, i] : [i, j];
      const kept = found[keep] as RawFinding;
      const other = found[lose] as RawFinding;
      kept.explicit = { ...other.explicit, ...kept.explicit };
      if ((kept.statedLocations?.length ?? 0) === 0 && other.statedLocations?.length) kept.statedLocations = other.statedLocations;
      dropped.add(lose);
      if (lose === i) break;
    }
  }
  return found.filter((_, index) => !dropped.has(index));
}

/** How much a finding says: its detail's size, and a fix. */
function weight(finding: RawFinding): number {
  return finding.detail.reduce((sum, node) => sum + toString(node).length, 0) + (finding.fix ? 1_000 : 0);
}

/** A row kept for later ("…", "TBD", "TODO"): no finding yet. */
function isPlaceholder(text: string): boolean {
  return /^\s*(\.{3}|…|tbd|todo|tba|-+|—)\b/i.test(text) || /^\s*(\.{3}|…)\s*$/.test(text);
}

/** A section whose prose reports that nothing was found, and names no problem. */
function isCleanResult(section: Section): boolean {
  const text = section.content.map((node) => toString(node)).join(" ");
  return (
    /\b(no (issues|problems|findings|vulnerabilities|secrets|dead code|errors|warnings|known vulnerabilities)( were| was)? (found|detected|reported|identified)|none (found|detected|identified)|nothing (found|to report)|found nothing|reports? no|0 (vulnerabilities|issues|errors|findings)|all (tests|checks) pass(ed|ing)?|all passing|(is|are|was|came back) clean)\b/i.test(text) ||
    /^\s*(consistent|clean|fine|good|ok|none)\b/i.test(text)
  );
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
    const detail: RootContent[] = row.children.map((rowCell, index) => ({
      type: "paragraph",
      children: [{ type: "strong", children: [{ type: "text", value: toString(header?.children[index] ?? rowCell) }] }, { type: "text", value: ": " }, ...rowCell.children],
    }));
    const summary = [name, cell(versionColumn), advisory].filter(Boolean).join(" ");
    found.push({ ...toRaw({ summary, detail, explicit: { type: "security", ...definedValues(reading.explicit) }, reading, context }), origin: "table" });
  }
  return found;
}

/** A mark and the severity word after it: "❌ Critical", "⚠️ Warn". */
const LEGEND_ENTRY = /^((?:\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?)\s*\**\s*([A-Za-z]+)/u;

/**
 * The marks a report defines as severities in its table headers or its
 * headings ("| ❌ Critical | ⚠️ Warn | ✅ Pass |"), beyond the coloured
 * circles every reader knows: an item flagged with such a mark has that
 * severity.
 */
function readLegend(root: Root): Map<string, Severity> {
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
function legendSeverity(text: string, context: Context): Severity | undefined {
  const mark = /^((?:\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?)/u.exec(text.trim())?.[1]?.replace(/\uFE0F/g, "");
  return mark ? context.legend?.get(mark) : undefined;
}
