import type { Heading, ListItem, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toString } from "mdast-util-to-string";
import { gfm } from "micromark-extension-gfm";
import { parseMarkers } from "../../model/markers.js";
import type { EpicChild, EpicPhase, PhaseKind } from "../../model/epic-document.js";

/** How a hand-made epic lays its children out. */
export type HandMadeLayout = "phases" | "checklist" | "categories" | "none";

/** A list line that looks like it means a child but could not be read as one. */
export interface UnreadLine {
  /** 1-based line in the body. */
  line: number;
  /** The line as written (user text: show it only in a code span). */
  text: string;
  /** Why it was not read, one short clause. */
  reason: string;
}

/** What {@link readHandMadeEpic} found in a body. */
export interface HandMadeEpic {
  layout: HandMadeLayout;
  /** Phases in the order written; numbers as written for `Phase N` headings, 1, 2, … otherwise. */
  phases: EpicPhase[];
  /** Children listed more than once; the first listing counts. */
  duplicates: number[];
  /** Lines that looked like children but were not read. */
  unread: UnreadLine[];
  /** The maintainer's text before the first phase or checklist, without a leading `Overview` heading or Factory markers. */
  overview: string;
}

const PHASE = /^phase\s+(\d{1,3})\b\s*[:.–—-]?\s*(.*?)\s*$/i;
const KIND_IN_PARENS = /\(\s*([a-z][a-z -]*)\s*\)\s*$/i;
const CHILD = /^#(\d{1,10})\b\s*(?:[-–—:]\s*)?([\s\S]*)$/;
/** Any way of pointing at an issue: `#12`, `owner/repo#12`, an issue or pull request link. */
const REFERENCE = /(?:^|[\s(])(?:[\w.-]+\/[\w.-]+)?#\d+\b|\/(?:issues|pull)\/\d+\b/;
/** GitHub issue numbers are 32-bit signed integers. */
const MAX_ISSUE = 2 ** 31 - 1;
const KINDS: ReadonlyMap<string, PhaseKind> = new Map([
  ["blocking", "blocking"],
  ["blocker", "blocking"],
  ["blockers", "blocking"],
  ["parallel", "parallel"],
  ["parallelisable", "parallel"],
  ["parallelizable", "parallel"],
  ["cleanup", "cleanup"],
  ["clean-up", "cleanup"],
  ["clean up", "cleanup"],
]);

/** A child with where it was written, until the layout is known. */
type PlacedChild = EpicChild & { line: number; text: string };

/** One heading's stretch of the body and what it holds. */
interface Section {
  heading: Heading | undefined;
  /** Index of the heading in the root's children (0 for the text before any heading). */
  start: number;
  /** Index of the first list holding a child, if any. */
  firstList?: number;
  /** Set for a `Phase N: name (kind)` heading. */
  phase?: { number: number; name: string; kind: PhaseKind };
  children: PlacedChild[];
}

/**
 * Reads an epic a person made by hand in the runbook's conventions (SPEC
 * §1.2), so `/factory adopt` can take it over. A pure function. It accepts:
 *
 * - `### Phase N: name (blocking|parallelisable|parallel|cleanup)` sections
 *   of `- [ ] #N - title` lines (the kind may be left out: a name saying
 *   "blockers" or "cleanup" decides it, anything else is parallel);
 * - a plain checklist of `- [ ] #N` lines with no phases: one phase `all`;
 * - category sections (`### Security`, `## Testing` …) holding such lines:
 *   one phase each, in order, parallel unless the heading says blocking or
 *   cleanup.
 *
 * A child is a task-list line starting with `#N` (under a phase heading the
 * box may be missing, as people forget it). Other task lines that point at an
 * issue in another way (`owner/repo#N`, a link, `#N` later in the line), and
 * any other line inside a phase, are reported as unread, never guessed at.
 * Task lines with no reference at all outside phases (acceptance criteria)
 * are not children and not reported.
 */
export function readHandMadeEpic(body: string): HandMadeEpic {
  const text = body.replace(/\r\n?/g, "\n");
  const tree: Root = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const sections: Section[] = [{ heading: undefined, start: 0, children: [] }];
  const unread: UnreadLine[] = [];
  let phaseDepth: number | undefined;
  tree.children.forEach((node, index) => {
    if (node.type === "heading") {
      const phase = readPhaseHeading(node);
      // A deeper heading inside a phase (notes under it) does not end the phase.
      if (!phase && phaseDepth !== undefined && node.depth > phaseDepth) return;
      phaseDepth = phase ? node.depth : undefined;
      sections.push({ heading: node, start: index, ...(phase ? { phase } : {}), children: [] });
      return;
    }
    if (node.type !== "list") return;
    const section = sections[sections.length - 1] as Section;
    for (const item of node.children) {
      const read = readItem(item, text, section.phase !== undefined);
      if (read.kind === "child") {
        section.children.push(read.child);
        section.firstList ??= index;
      } else if (read.kind === "unread") unread.push(read.line);
    }
  });

  const holding = sections.filter((section) => section.children.length > 0);
  let layout: HandMadeLayout;
  let kept: Array<{ phase: Omit<EpicPhase, "children">; children: PlacedChild[] }>;
  let end: number | undefined;
  if (sections.some((section) => section.phase)) {
    layout = "phases";
    const phaseSections = sections.filter((section) => section.phase);
    end = phaseSections[0]?.start;
    kept = phaseSections.map((section) => ({ phase: section.phase as NonNullable<Section["phase"]>, children: section.children }));
    for (const stray of holding.filter((section) => !section.phase)) {
      for (const child of stray.children) unread.push({ line: child.line, text: child.text, reason: "it is outside every phase" });
    }
  } else if (holding.length === 1) {
    layout = "checklist";
    const only = holding[0] as Section;
    // The section's heading names nothing here ("all"), so the text above the list stays in the overview.
    end = only.firstList;
    kept = [{ phase: { number: 1, name: "all", kind: "parallel" }, children: only.children }];
  } else if (holding.length > 1) {
    layout = "categories";
    const firstSection = holding[0] as Section;
    end = firstSection.heading ? firstSection.start : firstSection.firstList;
    kept = holding.map((section, index) => {
      const name = section.heading ? cleanHeading(section.heading) : "Unsorted";
      return { phase: { number: index + 1, name, kind: kindFromWords(name) }, children: section.children };
    });
  } else {
    layout = "none";
    kept = [];
  }
  const seen = new Set<number>();
  const duplicates: number[] = [];
  const phases: EpicPhase[] = kept.map(({ phase, children }) => ({
    ...phase,
    children: children.flatMap(({ number, title, checked }) => {
      if (seen.has(number)) {
        duplicates.push(number);
        return [];
      }
      seen.add(number);
      return [{ number, title, checked }];
    }),
  }));
  unread.sort((a, b) => a.line - b.line);
  return { layout, phases, duplicates, unread, overview: overviewBefore(tree, text, end ?? tree.children.length) };
}

type ItemRead = { kind: "child"; child: PlacedChild } | { kind: "unread"; line: UnreadLine } | { kind: "other" };

function readItem(item: ListItem, text: string, inPhase: boolean): ItemRead {
  const first = item.children[0];
  const line = item.position?.start.line ?? 0;
  const written = lineText(text, item);
  const boxed = typeof item.checked === "boolean";
  const content = first?.type === "paragraph" ? toString(first).trim() : "";
  const match = CHILD.exec(content);
  if (match && (boxed || inPhase)) {
    const child: PlacedChild = { number: Number(match[1]), title: (match[2] as string).replace(/\s+/g, " ").trim(), checked: item.checked === true, line, text: written };
    if (child.number > 0 && child.number <= MAX_ISSUE) return { kind: "child", child };
  }
  if (inPhase) return { kind: "unread", line: { line, text: written, reason: match ? "its number is not an issue number" : "it does not start with an issue number like `#12`" } };
  if (match) return { kind: "unread", line: { line, text: written, reason: "it has no task-list box; write it as `- [ ] #12 - title`" } };
  if (boxed && REFERENCE.test(content)) {
    return { kind: "unread", line: { line, text: written, reason: "only lines starting with `#12` (an issue of this repository) are read" } };
  }
  return { kind: "other" };
}

function readPhaseHeading(node: Heading): Section["phase"] | undefined {
  const match = PHASE.exec(cleanHeading(node));
  if (!match) return undefined;
  let name = (match[2] as string).trim();
  let kind: PhaseKind | undefined;
  const parens = KIND_IN_PARENS.exec(name);
  const named = parens ? KINDS.get((parens[1] as string).toLowerCase().trim()) : undefined;
  if (parens && named) {
    kind = named;
    name = name.slice(0, parens.index).trim();
  }
  kind ??= kindFromWords(name);
  return { number: Number(match[1]), name: name || kind, kind };
}

/** A kind from a heading's words: blockers first, cleanup last, everything else in parallel. */
function kindFromWords(name: string): PhaseKind {
  const words = name.toLowerCase();
  if (/\bblock(?:ing|ers?)\b/.test(words)) return "blocking";
  if (/\bclean[- ]?up\b/.test(words)) return "cleanup";
  return "parallel";
}

function cleanHeading(node: Heading): string {
  return toString(node).replace(/\s+/g, " ").trim();
}

/** The first written line of a list item, trimmed and capped. */
function lineText(text: string, item: ListItem): string {
  const start = item.position?.start.offset ?? 0;
  const end = text.indexOf("\n", start);
  const line = text.slice(start, end === -1 ? undefined : end).trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/**
 * The text before the children, as the maintainer wrote it: every top-level
 * node before `end`, less Factory's markers, a leading `Overview` heading
 * (the epic body has its own) and headings left with nothing under them
 * (`## Child Issues` above the first phase).
 */
function overviewBefore(tree: Root, text: string, end: number): string {
  const nodes: RootContent[] = tree.children.slice(0, end).filter((node) => !(node.type === "html" && parseMarkers(node.value).length > 0));
  const firstNode = nodes[0];
  if (firstNode?.type === "heading" && /^overview$/i.test(cleanHeading(firstNode))) nodes.shift();
  while (nodes[nodes.length - 1]?.type === "heading") nodes.pop();
  return nodes
    .map((node) => text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0))
    .join("\n\n")
    .trim();
}
