import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { Candidate } from "./find-candidates.js";
import type { Line } from "./split-lines.js";

const BLANK = /^[ \t]*$/;
/**
 * GFM's tree extensions without their transforms. The only transform, autolink
 * literals, walks the tree recursively and overflows the stack on a comment of
 * thousands of nested quotes; links inside a line do not matter here anyway.
 */
const GFM_TREE = gfmFromMarkdown().map(({ transforms: _transforms, ...extension }) => extension);
/**
 * Inline constructs the parser may skip: emphasis and strikethrough only wrap
 * text in more text, and autolink literals and footnote calls cannot span
 * lines, so none of them decides whether a line start is plain text. Emphasis
 * is also the parser's costliest inline construct on hostile input.
 */
const LIGHT_INLINE: ReturnType<typeof gfm> = {
  disable: {
    null: ["attention", "strikethrough", "wwwAutolink", "protocolAutolink", "emailAutolink", "gfmFootnoteCall", "gfmPotentialFootnoteCall"],
  },
};

/**
 * Keeps the candidates whose `/` lies in a text node of a top-level paragraph.
 * The parser reads from the start of the body (what comes before decides
 * whether a line is in code or a quote) through the end of the last
 * candidate's paragraph (a setext underline or table delimiter row below can
 * still turn it into a heading or a table), and never past `reach`.
 */
export function inPlainParagraphs(source: string, lines: Line[], candidates: Candidate[], reach: number): Candidate[] {
  let last = (candidates[candidates.length - 1] as Candidate).line;
  // `lines[last]` is the line after line number `last`.
  while (last < reach && !BLANK.test(source.slice(lines[last]?.start, lines[last]?.end))) last += 1;
  const examined = source.slice(0, lines[last - 1]?.end);
  const tree: Root = fromMarkdown(examined, { extensions: [gfm(), LIGHT_INLINE], mdastExtensions: GFM_TREE });
  const paragraphs = tree.children.filter((child) => child.type === "paragraph");
  const ranges = textRanges(paragraphs);
  return candidates.filter((candidate) => containsOffset(ranges, candidate.offset));
}

/**
 * Source ranges of the text nodes under `roots`, in document order (so they
 * can be binary-searched). The walk uses an explicit stack: hostile input can
 * nest links deeply enough to overflow a recursive one.
 */
function textRanges(roots: Nodes[]): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  const stack: Nodes[] = [...roots].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type === "text") {
      const from = node.position?.start.offset;
      const to = node.position?.end.offset;
      if (from !== undefined && to !== undefined) ranges.push([from, to]);
    } else if ("children" in node) {
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as Nodes);
    }
  }
  return ranges;
}

function containsOffset(ranges: ReadonlyArray<readonly [number, number]>, offset: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = ranges[middle] as readonly [number, number];
    if (offset < from) high = middle - 1;
    else if (offset >= to) low = middle + 1;
    else return true;
  }
  return false;
}
