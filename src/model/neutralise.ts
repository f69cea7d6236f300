/**
 * One neutraliser for every text Factory copies from something it did not
 * write (SPEC §5): audit findings, issue titles in epic bodies, dashboards,
 * check runs and replies. What it copies reads the same, but cannot:
 *
 * - ping anyone: `@user` and `@org/team`, however they are punctuated, get
 *   a zero-width space after the `@`;
 * - close or link an issue: a closing keyword's reference (`fixes #1`,
 *   `Closes: owner/repo#1`, `resolves https://github.com/o/r/issues/1`)
 *   gets a zero-width space before its number;
 * - render HTML: tags and comments are dropped from one-line titles and
 *   shown as text in Markdown, so no copied `<!-- factory:… -->` marker is
 *   ever an HTML comment;
 * - link anywhere: links and images become their text followed by the
 *   address, and addresses get a zero-width space after `scheme:` (or
 *   inside `www.`), so GitHub does not autolink them.
 *
 * Code (inline or fenced) is kept verbatim in Markdown: GitHub renders
 * nothing inside it.
 */
import type { Nodes, PhrasingContent, Root, RootContent } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown } from "mdast-util-to-markdown";
import { toString } from "mdast-util-to-string";

const ZWSP = "\u200b";

/**
 * `@name` or `@org/team` not preceded by a letter or digit (that would be
 * an e-mail address). GitHub links a mention after any punctuation once
 * Markdown is rendered (`(@mona)`, `_@mona_` as emphasis), so every other
 * preceding character counts.
 */
const MENTION = /(^|[^\p{L}\p{N}])@([A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][\w.-]*)?)/gu;

/** GitHub's closing keywords, any case: close, closes, closed, fix, fixes, fixed, resolve, resolves, resolved. */
const KEYWORD = "(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)";
/** https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/linking-a-pull-request-to-an-issue */
const CLOSING_REF = new RegExp(`(?<![\\p{L}\\p{N}])(${KEYWORD}\\s*:?\\s*(?:[\\w.-]+\\/[\\w.-]+)?(?:#|GH-))(\\d)`, "giu");
const CLOSING_URL = new RegExp(
  `(?<![\\p{L}\\p{N}])(${KEYWORD}\\s*:?\\s*<?https?:\\/\\/(?:www\\.)?github\\.com\\/[\\w.-]+\\/[\\w.-]+\\/(?:issues|pulls?)\\/)(\\d)`,
  "giu",
);
/** What GitHub autolinks in plain text: `scheme://…` and `www.…`. */
const URL_SCHEME = /(?<![\p{L}\p{N}])([A-Za-z][A-Za-z0-9+.-]{0,31}:)(\/\/)/gu;
const WWW = /(?<![\p{L}\p{N}_.-])(www)(\.)/giu;

/**
 * Plain text, made harmless wherever GitHub renders it: no mention pings,
 * no closing keyword closes or links, no address is autolinked and no
 * `<!--` starts a comment. Idempotent: neutralised text passes unchanged.
 */
export function neutraliseText(text: string): string {
  return text
    .replace(MENTION, (_m, before: string, name: string) => `${before}@${ZWSP}${name}`)
    .replace(CLOSING_URL, (_m, head: string, digit: string) => `${head}${ZWSP}${digit}`)
    .replace(CLOSING_REF, (_m, head: string, digit: string) => `${head}${ZWSP}${digit}`)
    .replace(URL_SCHEME, (_m, scheme: string, slashes: string) => `${scheme}${ZWSP}${slashes}`)
    .replace(WWW, (_m, www: string, dot: string) => `${www}${ZWSP}${dot}`)
    .replaceAll("<!--", `<!${ZWSP}--`);
}

/** HTML comments, processing instructions, CDATA and declarations. */
const HTML_OTHER = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<![A-Za-z][^<>]*>/g;
/** `<https://…>` and `<name@example.com>`: shown as their address. */
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>/g;
/** An open or closing tag, as CommonMark reads raw HTML. */
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
/** `[text](url "title")` and `![alt](url)`. */
const INLINE_LINK = /(!?)\[([^[\]]*)\]\(\s*(?:<([^<>]*)>|((?:[^\s()]|\([^\s()]*\))*))(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/g;

/**
 * A one-line title made safe to show anywhere, including inside Markdown:
 * HTML tags and comments are dropped, links and images become
 * `text (address)`, whitespace is one space, and {@link neutraliseText}
 * does the rest. Idempotent, so a title Factory already neutralised can be
 * neutralised again when it is copied on.
 */
export function neutraliseTitle(text: string): string {
  let title = text.replace(/\s+/g, " ");
  // Removing one construct can form another (`[a [b](c)](d)`): repeat until nothing changes.
  for (let round = 0; round < 8; round++) {
    const next = title
      .replace(HTML_OTHER, " ")
      .replace(AUTOLINK, (_m, address: string) => address)
      .replace(INLINE_LINK, (_m, _bang: string, label: string, angled: string | undefined, bare: string | undefined) => shownLink(label.trim(), angled ?? bare ?? ""))
      .replace(TAG, " ");
    if (next === title) break;
    title = next;
  }
  return neutraliseText(title.replace(/\s+/g, " ").trim());
}

/** A link or image as text: `label (address)`, or the address alone. */
function shownLink(label: string, address: string): string {
  const url = address.trim();
  if (!url || sameAddress(label, url)) return label || url;
  return label ? `${label} (${url})` : url;
}

/** Whether a link's text is its address, as in an autolink (`www.x.org` links to `http://www.x.org`). */
function sameAddress(label: string, url: string): boolean {
  return [label, `mailto:${label}`, `http://${label}`].includes(url);
}

/**
 * Renders Markdown nodes as Markdown that is safe to post: text is
 * neutralised, raw HTML becomes visible text (GitHub would otherwise render
 * `<details>` or an `<img onerror>`), links and images become their text and
 * address, headings become bold lines so they cannot outrank the sections
 * around them, and code stays as written.
 */
export function neutraliseMarkdown(nodes: readonly Nodes[]): string {
  const children = nodes.flatMap((node) => clean(node, true)).filter((node): node is RootContent => node.type !== "root");
  const root: Root = { type: "root", children };
  return toMarkdown(root, { extensions: [gfmToMarkdown()], bullet: "-", rule: "-" }).trim();
}

/** Containers whose children are blocks, where loose text must sit in a paragraph. */
const BLOCK_PARENTS = new Set(["root", "listItem", "blockquote", "footnoteDefinition"]);

function text(value: string): PhrasingContent {
  return { type: "text", value: neutraliseText(value) };
}

function clean(node: Nodes, inBlock = false): Nodes[] {
  switch (node.type) {
    case "text":
      return [text(node.value)];
    case "html": {
      const shown = text(node.value);
      return [inBlock ? { type: "paragraph", children: [shown] } : shown];
    }
    case "heading":
      return [{ type: "paragraph", children: [{ type: "strong", children: node.children.flatMap((child) => clean(child)) as PhrasingContent[] }] }];
    case "link": {
      const label = toString(node);
      // An e-mail address stays one: GitHub links it whatever Factory writes, and it leads nowhere but a mail client.
      if (node.url === `mailto:${label}`) return [{ type: "link", url: node.url, children: [{ type: "text", value: label }] }];
      if (sameAddress(label, node.url)) return [text(label)];
      return [...(node.children.flatMap((child) => clean(child)) as PhrasingContent[]), text(` (${node.url})`)];
    }
    case "image":
      return [text(shownLink(node.alt ?? "", node.url))];
    case "linkReference":
      return node.children.flatMap((child) => clean(child));
    case "imageReference":
      return [text(node.alt ?? "")];
    case "definition": {
      const shown = text(`${node.label ?? node.identifier}: ${node.url}`);
      return [inBlock ? { type: "paragraph", children: [shown] } : shown];
    }
  }
  if ("children" in node) {
    const block = BLOCK_PARENTS.has(node.type);
    const copy = { ...node, children: (node.children as Nodes[]).flatMap((child) => clean(child, block)) };
    delete (copy as { position?: unknown }).position;
    return [copy as Nodes];
  }
  const copy = { ...node };
  delete (copy as { position?: unknown }).position;
  return [copy];
}
