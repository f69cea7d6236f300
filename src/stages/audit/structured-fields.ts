import type { List, ListItem, Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { codeSpan } from "../../model/code-span.js";
import { FINDING_TYPES, SEVERITIES, type FindingType, type Location, type Severity } from "./finding.js";

/** Something a structured audit gets wrong, where it is: the line (1 for the body's first) and what is wrong. */
export interface AuditProblem {
  line: number;
  message: string;
}

/** The fields of the structured format, as written. */
export const FIELD_NAMES = ["Severity", "Type", "Location", "Fix"] as const;
type FieldName = (typeof FIELD_NAMES)[number];

/** What a finding's field list says. */
export interface StructuredFields {
  seen: Set<FieldName>;
  severity?: Severity;
  type?: FindingType;
  locations: Location[];
  fix?: Nodes[];
}

const FIELD = /^([A-Za-z][A-Za-z -]*?)[ \t]*:[ \t]*([\s\S]*)$/;
/** `path`, `path:12` or `path:12-20` (the first line counts). */
const LOCATION = /^([^\s`:]+)(?::(\d+)(?:-\d+)?)?$/;

/**
 * Reads the list under a finding's heading as its fields: every item one
 * `Name: value` line. Undefined when the list's first item is not a field
 * at all (the finding has no field list); otherwise each item that is not
 * a known field with a valid value adds a problem.
 */
export function readStructuredFields(text: string, list: List, problems: AuditProblem[]): StructuredFields | undefined {
  const items = list.children.map((item) => ({ item, match: FIELD.exec(itemSource(text, item)) }));
  if (list.ordered || !items[0]?.match) return undefined;
  const fields: StructuredFields = { seen: new Set(), locations: [] };
  for (const { item, match } of items) {
    const line = item.position?.start.line ?? 1;
    const name = FIELD_NAMES.find((known) => known.toLowerCase() === match?.[1]?.toLowerCase());
    if (typeof item.checked === "boolean") {
      problems.push({ line, message: `${codeSpan(`- [ ] ${itemSource(text, item)}`)} is a task-list item: a field is a plain \`- Name: value\` line` });
      continue;
    }
    if (!match || !name) {
      problems.push({ line, message: `${codeSpan(`- ${itemSource(text, item)}`)} is not a field: a finding's fields are ${FIELD_NAMES.map((known) => `\`- ${known}:\``).join(", ")}, one per line` });
      continue;
    }
    if (fields.seen.has(name)) {
      problems.push({ line, message: `the \`${name}\` field is given twice for one finding` });
      continue;
    }
    fields.seen.add(name);
    readValue(fields, { name, value: (match[2] ?? "").trim(), line }, problems);
  }
  return fields;
}

function readValue(fields: StructuredFields, field: { name: FieldName; value: string; line: number }, problems: AuditProblem[]): void {
  const { name, value, line } = field;
  switch (name) {
    case "Severity": {
      const severity = SEVERITIES.find((known) => known === value.toLowerCase());
      if (severity) fields.severity = severity;
      else problems.push({ line, message: `severity ${codeSpan(value || "(empty)")} is not one of ${SEVERITIES.join(", ")}` });
      return;
    }
    case "Type": {
      const type = FINDING_TYPES.find((known) => known === value.toLowerCase());
      if (type) fields.type = type;
      else problems.push({ line, message: `type ${codeSpan(value || "(empty)")} is not one of ${FINDING_TYPES.join(", ")}` });
      return;
    }
    case "Location": {
      const locations = readLocations(value);
      if (locations) fields.locations = locations;
      else problems.push({ line, message: `location ${codeSpan(value || "(empty)")} is not one or more code spans such as \`src/api/users.ts:42\`, separated by commas` });
      return;
    }
    case "Fix": {
      if (!value) {
        problems.push({ line, message: "the `Fix` field is empty: give the fix, or leave the field out" });
        return;
      }
      fields.fix = fromMarkdown(value, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }).children as Nodes[];
    }
  }
}

/** `` `a.ts:3`, `b.ts` `` as locations; undefined when any part is not a backticked path. */
function readLocations(value: string): Location[] | undefined {
  const parts = value.split(",").map((part) => part.trim());
  const locations: Location[] = [];
  for (const part of parts) {
    const inner = /^`([^`]+)`$/.exec(part)?.[1]?.trim();
    const match = inner === undefined ? null : LOCATION.exec(inner);
    if (!match?.[1]) return undefined;
    const line = match[2] === undefined ? undefined : Number(match[2]);
    locations.push({ path: match[1], ...(line !== undefined && line > 0 ? { line } : {}) });
  }
  return locations.length > 0 ? locations : undefined;
}

/** An item's text as written, without its bullet: `Severity: high`. */
function itemSource(text: string, item: ListItem): string {
  const start = item.children[0]?.position?.start.offset;
  const end = item.children.at(-1)?.position?.end.offset;
  if (start === undefined || end === undefined) return "";
  return text.slice(start, end).replace(/\s*\n\s*/g, " ").trim();
}
