import type { Nodes, Root, RootContent } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown } from "mdast-util-to-markdown";

const ZWSP = "\u200b";
const MENTION = /(^|[^\p{L}\p{N}_`/.+-])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][\w.-]*)?)/gu;
const CLOSING_REF =
  /\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(\s*:?\s+)((?:[\w.-]+\/[\w.-]+)?#)(\d+)|\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(\s*:?\s+https?:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull))\/(\d+)/gi;

/**
 * Makes text copied from an audit harmless in an issue GitHub renders:
 * `@user` and `@org/team` cannot ping (a zero-width space follows the `@`),
 * and `fixes #12` cannot close or link anything. The text reads the same.
 */
export function neutraliseText(text: string): string {
  return text
    .replace(MENTION, (_m, before: string, name: string) => `${before}@${ZWSP}${name}`)
    .replace(CLOSING_REF, (match, word, space, hash, number, word2, url, number2) =>
      word ? `${word}${space}${hash}${ZWSP}${number}` : word2 ? `${word2}${url}/${ZWSP}${number2}` : match,
    );
}

/** A one-line title: no HTML tags, no pings, no closing references, single spaces. */
export function neutraliseTitle(text: string): string {
  return neutraliseText(text.replace(/<\/?[A-Za-z][^<>]*>/g, " ").replace(/\s+/g, " ").trim());
}

/**
 * Renders audit nodes as Markdown that is safe to post: text is neutralised,
 * raw HTML becomes visible text (GitHub would otherwise render `<details>`
 * or an `<img onerror>`), and code stays as written — GitHub renders nothing
 * inside code, so mentions there ping no one.
 */
export function neutraliseMarkdown(nodes: readonly Nodes[]): string {
  const children = nodes.map((node) => clean(node, true)).filter((node): node is RootContent => node.type !== "root");
  const root: Root = { type: "root", children };
  return toMarkdown(root, { extensions: [gfmToMarkdown()], bullet: "-", rule: "-" }).trim();
}

/** Containers whose children are blocks, where loose text must sit in a paragraph. */
const BLOCK_PARENTS = new Set(["root", "listItem", "blockquote", "footnoteDefinition"]);

function clean(node: Nodes, inBlock = false): Nodes {
  if (node.type === "text") return { type: "text", value: neutraliseText(node.value) };
  if (node.type === "html") {
    const text = { type: "text" as const, value: neutraliseText(node.value) };
    return inBlock ? { type: "paragraph", children: [text] } : text;
  }
  if (node.type === "heading") {
    // Headings inside a finding become bold lines, so they cannot outrank the issue's own sections.
    return { type: "paragraph", children: [{ type: "strong", children: node.children.map((child) => clean(child)) as never }] };
  }
  if ("children" in node) {
    const block = BLOCK_PARENTS.has(node.type);
    const copy = { ...node, children: (node.children as Nodes[]).map((child) => clean(child, block)) };
    delete (copy as { position?: unknown }).position;
    return copy as Nodes;
  }
  const copy = { ...node };
  delete (copy as { position?: unknown }).position;
  return copy;
}
