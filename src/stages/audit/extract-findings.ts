import type { List, ListItem, Nodes, Paragraph, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { fieldOfLabel, normaliseLabel } from "./field-name.js";
import type { RawFinding } from "./finding.js";
import { definedValues, toRaw, type Context } from "./finding-context.js";
import { dropRepeats } from "./drop-repeats.js";
import { findLocations } from "./find-locations.js";
import { findingsInTable } from "./findings-in-table.js";
import { headingRole } from "./heading-role.js";
import { isCleanResult } from "./is-clean-result.js";
import { isFieldList, isMarkedList, itemMark } from "./list-marks.js";
import { legendSeverity, readLegend } from "./read-legend.js";
import { documentType } from "./read-type.js";
import { leadSummary } from "./lead-summary.js";
import { applyField, readFields } from "./read-fields.js";
import { buildSections, flattenSection, type Section } from "./section-tree.js";
import { stripTitleMarkers } from "./strip-title-markers.js";

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
