import type { ListItem, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toString } from "mdast-util-to-string";
import { gfm } from "micromark-extension-gfm";
import { visit } from "unist-util-visit";
import { findFactoryMarker, type AuthoredText, type FactoryIdentity } from "../../model/authorship.js";
import { codeSpan } from "../../model/code-span.js";
import { parseMarkers, renderMarker, type Marker } from "../../model/markers.js";
import { neutraliseTitle } from "../../model/neutralise.js";
import { SEVERITIES, type FindingType, type Location, type Severity } from "./finding.js";

/**
 * Factory's reading of an audit (`audit.confirm`): one comment on the audit,
 * a task list with a line per finding, which a maintainer edits — unticking
 * what is not a finding, changing a severity — before confirming. The
 * comment carries the `audit-reading` marker, each finding's line an
 * `audit-line` marker with its fingerprint, and the last line, "Create
 * these issues", the `audit-create` marker.
 */
export const READING_KIND = "audit-reading";
export const LINE_KIND = "audit-line";
export const CREATE_KIND = "audit-create";

/** One finding's line, as Factory renders it. */
export interface ReadingLine {
  fingerprint: string;
  ticked: boolean;
  severity: Severity;
  type: FindingType;
  title: string;
  locations: readonly Location[];
  /** The finding's issue, once there is one. */
  issue?: number;
}

/** What Factory writes in the reading comment. */
export interface Reading {
  audit: number;
  lines: readonly ReadingLine[];
  /** "Create these issues" is ticked: every ticked line has its issue. */
  create: boolean;
}

/** A maintainer's choices, read back from the reading comment. */
export interface ReadingChoices {
  /** By fingerprint: whether the line is ticked, and the severity its bold word names (when it names one). */
  lines: ReadonlyMap<string, { ticked: boolean; severity?: Severity }>;
  create: boolean;
}

/** The marker that makes a comment the reading of audit `audit`. */
export function readingMarker(audit: number): Marker {
  return { kind: READING_KIND, fields: { audit: `#${audit}` } };
}

/** The reading's body, without its closing marker (the executor adds it to a new comment; {@link withMarker} to an edit). */
export function renderReading(reading: Reading): string {
  const count = reading.lines.length;
  const done = reading.lines.filter((line) => line.issue !== undefined).length;
  const head = `**Factory's reading of this audit: ${count} finding${count === 1 ? "" : "s"}${done > 0 ? `, ${done} with an issue` : ""}.**`;
  if (count === 0) return `${head} There is nothing to create.`;
  return [
    `${head} ${done > 0 ? "Factory creates issues only for ticked lines that a maintainer confirms." : "Nothing is created until a maintainer confirms."}`,
    "",
    "Untick each line that is not a finding, and change a severity by editing its bold word to **critical**, **high**, **medium** or **low**. " +
      "Then tick **Create these issues**, or comment `/factory audit`: each ticked line becomes an issue with that severity. " +
      "A line with an issue links it and stays as it is; editing the audit updates this list and keeps your choices.",
    "",
    ...reading.lines.map(renderLine),
    "",
    done === count ? "Every finding has its issue:" : "When the lines above are right:",
    "",
    `- [${reading.create ? "x" : " "}] Create these issues ${renderMarker({ kind: CREATE_KIND, fields: {} })}`,
  ].join("\n");
}

/** A body with its marker, as the executor writes a new comment: what an edit must write to stay the same comment. */
export function withMarker(body: string, marker: Marker): string {
  return `${body.trimEnd()}\n\n${renderMarker(marker)}\n`;
}

function renderLine(line: ReadingLine): string {
  const [first] = line.locations;
  const where = first ? ` — ${codeSpan(`${first.path}${first.line ? `:${first.line}` : ""}`)}${line.locations.length > 1 ? ` (+${line.locations.length - 1})` : ""}` : "";
  const issue = line.issue !== undefined ? ` → #${line.issue}` : "";
  const marker = renderMarker({ kind: LINE_KIND, fields: { fp: line.fingerprint } });
  return `- [${line.ticked ? "x" : " "}] **${line.severity}** · ${line.type} · ${escapeInline(neutraliseTitle(line.title))}${where}${issue} ${marker}`;
}

/** Text shown as itself inside a Markdown line: no emphasis, code span, link or HTML can start in it. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>~|]/g, (char) => `\\${char}`);
}

/**
 * The choices in audit `audit`'s reading comment — undefined unless
 * Factory's app wrote the comment and it is that audit's reading. Line
 * markers are read from this comment only, where a maintainer's edits
 * (ticks, severities) are what Factory is meant to read.
 */
export function readReading(text: AuthoredText, identity: FactoryIdentity, audit: number): ReadingChoices | undefined {
  if (!findFactoryMarker(text, identity, READING_KIND, { audit: `#${audit}` })) return undefined;
  const tree: Root = fromMarkdown((text.body ?? "").replace(/\r\n?/g, "\n"), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const lines = new Map<string, { ticked: boolean; severity?: Severity }>();
  let create = false;
  visit(tree, "listItem", (item: ListItem) => {
    const markers = markersOf(item);
    const ticked = item.checked === true;
    if (markers.some((marker) => marker.kind === CREATE_KIND)) create = ticked;
    const fp = markers.find((marker) => marker.kind === LINE_KIND)?.fields.fp;
    if (fp === undefined || lines.has(fp)) return;
    const severity = severityOf(item);
    lines.set(fp, { ticked, ...(severity ? { severity } : {}) });
  });
  return { lines, create };
}

/** The markers in a list item's own line (not in items nested under it). */
function markersOf(item: ListItem): Marker[] {
  const [first] = item.children;
  if (first?.type !== "paragraph") return [];
  return first.children.flatMap((child) => (child.type === "html" ? parseMarkers(child.value) : []));
}

/** The severity the line's first bold word names, if it names one. */
function severityOf(item: ListItem): Severity | undefined {
  const [first] = item.children;
  if (first?.type !== "paragraph") return undefined;
  const strong = first.children.find((child) => child.type === "strong");
  const word = strong ? toString(strong).trim().toLowerCase() : "";
  return SEVERITIES.find((severity) => severity === word);
}
