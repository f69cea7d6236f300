import type { Nodes, Paragraph, PhrasingContent, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { fieldOfLabel, isDoneLabel, isResolvedStatus, type FieldName } from "./field-name.js";
import type { Complexity, ExplicitValues, Location, Scope } from "./finding.js";
import { findLocations, readLocation } from "./find-locations.js";
import { readSeverity } from "./read-severity.js";
import { readType } from "./read-type.js";

/** What a finding's labelled fields say. */
export interface FieldReading {
  explicit: ExplicitValues;
  statedLocations: Location[];
  fix?: Nodes[];
  acceptance?: string[];
  /** A status field says the finding is already fixed or accepted. */
  resolved: boolean;
}

/** A fresh, empty reading. */
export function emptyReading(): FieldReading {
  return { explicit: {}, statedLocations: [], resolved: false };
}

/**
 * Reads labelled fields from a finding's block nodes: `**Severity:** High`
 * lines (several may share a paragraph), `- Location: x.go:12` list items,
 * and a field label followed by blocks (`**Recommendation:**` then a code
 * block). Unlabelled content is left alone; it is the finding's prose.
 */
export function readFields(nodes: readonly RootContent[], reading: FieldReading = emptyReading()): FieldReading {
  // A label alone on its line ("**Recommendation:**") takes the blocks after it; a fix with text
  // on its line takes only the code or list that directly follows.
  let open: { field: FieldName; nodes: Nodes[]; tailOnly: boolean } | undefined;
  const close = () => {
    if (open) applyField(reading, open.field, open.nodes);
    open = undefined;
  };
  for (const node of nodes) {
    if (node.type === "paragraph") {
      const lines = splitLines(node);
      const labelled = lines.map(labelOf);
      if (labelled.some(Boolean)) {
        close();
        labelled.forEach((field, index) => {
          if (!field) return;
          if (field.done) reading.resolved = true;
          const value = valueNodes(lines[index] as PhrasingContent[]);
          if (index === lines.length - 1 && (value.length === 0 || field.name === "fix" || field.name === "acceptance")) {
            open = { field: field.name, nodes: value.length > 0 ? [paragraph(value)] : [], tailOnly: value.length > 0 };
          } else {
            applyField(reading, field.name, [paragraph(value)]);
          }
        });
        continue;
      }
      if (open && !open.tailOnly) open.nodes.push(node);
      else close();
      continue;
    }
    if (node.type === "list") {
      const itemFields = node.children.map((item) => {
        const first = item.children[0];
        if (first?.type !== "paragraph") return undefined;
        const lines = splitLines(first);
        const field = labelOf(lines[0] ?? []);
        return field ? { field, item, lines } : undefined;
      });
      if (itemFields.some(Boolean)) {
        close();
        itemFields.forEach((entry, index) => {
          const item = node.children[index];
          if (!entry || !item) return;
          if (entry.field.done) reading.resolved = true;
          const value = valueNodes(entry.lines[0] as PhrasingContent[]);
          const rest = entry.lines.slice(1).map((line) => paragraph(line));
          applyField(reading, entry.field.name, [...(value.length > 0 ? [paragraph(value)] : []), ...rest, ...item.children.slice(1)]);
        });
        continue;
      }
      if (open) {
        open.nodes.push(node);
        if (open.tailOnly) close();
      }
      continue;
    }
    if (node.type === "heading") {
      close();
      continue;
    }
    if (open) {
      open.nodes.push(node);
      if (open.tailOnly && node.type !== "code") close();
    }
  }
  close();
  return reading;
}

/** Applies one field's value nodes to a reading. */
export function applyField(reading: FieldReading, field: FieldName, value: Nodes[]): void {
  const text = value.map((node) => toString(node)).join(" ").trim();
  switch (field) {
    case "severity": {
      const severity = readSeverity(text);
      if (severity && !reading.explicit.severity) reading.explicit.severity = severity;
      return;
    }
    case "type": {
      const type = readType(text);
      if (type && !reading.explicit.type) reading.explicit.type = type;
      return;
    }
    case "location": {
      for (const location of statedLocations(value)) {
        if (!reading.statedLocations.some((l) => l.path === location.path && l.line === location.line)) {
          reading.statedLocations.push(location);
        }
      }
      return;
    }
    case "fix":
      if (value.length > 0) reading.fix = [...(reading.fix ?? []), ...value];
      return;
    case "effort": {
      const complexity = readComplexity(text);
      if (complexity && !reading.explicit.complexity) reading.explicit.complexity = complexity;
      return;
    }
    case "scope": {
      const scope = readScope(text);
      if (scope && !reading.explicit.scope) reading.explicit.scope = scope;
      return;
    }
    case "acceptance": {
      const items = value.flatMap((node) =>
        node.type === "list" ? node.children.map((item) => toString(item).trim()) : [toString(node).trim()],
      );
      reading.acceptance = [...(reading.acceptance ?? []), ...items.filter(Boolean)];
      return;
    }
    case "status":
      if (isResolvedStatus(text)) reading.resolved = true;
      return;
    default:
      return;
  }
}

/** Locations in a field or cell that names files: bare `main.go` counts there. */
export function statedLocations(value: readonly Nodes[]): Location[] {
  const found = findLocations(value);
  const text = value.map((node) => toString(node)).join(" ");
  for (const token of text.split(/[\s,]+/)) {
    const location = readLocation(token, true);
    if (location && !found.some((l) => l.path === location.path && l.line === location.line)) found.push(location);
  }
  return found;
}

/** Reads an effort or complexity value: `S`/`M`/`L`, words, or a duration. */
export function readComplexity(text: string): Complexity | undefined {
  const value = text.trim().toLowerCase();
  if (/^(xs|s|small|low|trivial|easy|minor|quick|minutes?|hours?|\d+\s*(h|hours?))\b/.test(value)) return "small";
  if (/^(m|medium|moderate|mid|days?|\d+\s*(d|days?))\b/.test(value)) return "medium";
  if (/^(l|xl|xxl|large|high|hard|big|complex|major|weeks?|\d+\s*(w|weeks?))\b/.test(value)) return "large";
  return undefined;
}

/** Reads a scope value. */
export function readScope(text: string): Scope | undefined {
  const value = text.trim().toLowerCase();
  if (/^(single[- ]file|file|one file|local)\b/.test(value)) return "single-file";
  if (/^(package|module|directory|component|service)\b/.test(value)) return "package";
  if (/^(framework|cross[- ]cutting|repo(sitory)?[- ]wide|global|project[- ]wide|shared)\b/.test(value)) return "framework";
  return undefined;
}

/** A paragraph's phrasing split into lines at hard breaks and newlines. */
export function splitLines(node: Paragraph): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  for (const child of node.children) {
    if (child.type === "break") {
      lines.push([]);
      continue;
    }
    if (child.type === "text" && child.value.includes("\n")) {
      child.value.split("\n").forEach((part, index) => {
        if (index > 0) lines.push([]);
        if (part) (lines[lines.length - 1] as PhrasingContent[]).push({ type: "text", value: part });
      });
      continue;
    }
    (lines[lines.length - 1] as PhrasingContent[]).push(child);
  }
  return lines.filter((line) => line.length > 0);
}

/** The field a line is labelled with (`Severity: High`, `**Fix**: …`), if any. */
export function labelOf(line: readonly PhrasingContent[]): { name: FieldName; done?: true } | undefined {
  const text = line.map((node) => toString(node)).join("");
  const match = /^\s*([^:]{1,40}?)\s*:/.exec(text);
  if (!match) return undefined;
  const name = fieldOfLabel(match[1] as string);
  if (!name || name === "detail" || name === "title" || name === "id") return undefined;
  return isDoneLabel(match[1] as string) ? { name, done: true } : { name };
}

/** The nodes of a labelled line after its label and colon. */
export function valueNodes(line: readonly PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let seenColon = false;
  for (const node of line) {
    if (seenColon) {
      out.push(node);
      continue;
    }
    const text = toString(node);
    const at = text.indexOf(":");
    if (at < 0) continue;
    seenColon = true;
    const rest = node.type === "text" ? text.slice(at + 1) : text.slice(at + 1);
    if (rest.trim()) out.push({ type: "text", value: rest.replace(/^\s+/, "") });
  }
  if (out[0]?.type === "text") out[0] = { type: "text", value: out[0].value.replace(/^\s+/, "") };
  return out.filter((node) => !(node.type === "text" && node.value === ""));
}

function paragraph(children: PhrasingContent[]): Paragraph {
  return { type: "paragraph", children };
}
