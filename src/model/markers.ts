/**
 * Hidden markers: the way Factory keeps state inside GitHub text.
 *
 * A marker is an HTML comment GitHub does not render, e.g.
 * `<!-- factory:reply comment=123 -->`. Every body or comment Factory writes
 * that it may need to find again carries one, which is what makes writes
 * ensure-style: look for the marker first, write only if it is missing.
 *
 * Values are restricted to a safe alphabet so that text copied from users can
 * never forge or break a marker. A marker counts only where GitHub would hide
 * it: in a real HTML comment of the Markdown, never in escaped text
 * (`\<!-- … -->`, shown as plain text), a code span or a code block. Whether
 * the text's author is Factory is the next question, answered by
 * `authorship.ts`: this module only reads.
 */
import type { Html, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { visit } from "unist-util-visit";

/** One parsed marker: its kind and its key/value fields. */
export interface Marker {
  kind: string;
  fields: Record<string, string>;
}

const KIND = /^[a-z][a-z0-9-]{0,39}$/;
const KEY = /^[a-z][a-z0-9_]{0,29}$/;
const VALUE = /^[A-Za-z0-9#._:/@+-]{1,200}$/;
const MARKER = /<!-- factory:([a-z][a-z0-9-]{0,39})((?: [a-z][a-z0-9_]{0,29}=[A-Za-z0-9#._:/@+-]{1,200})*) -->/g;

/**
 * Renders a marker. Throws on a kind, key or value outside the safe alphabet:
 * that is a programming error, never user input.
 */
export function renderMarker(marker: Marker): string {
  if (!KIND.test(marker.kind)) throw new Error(`Invalid marker kind: ${JSON.stringify(marker.kind)}`);
  const parts = Object.entries(marker.fields).map(([key, value]) => {
    if (!KEY.test(key)) throw new Error(`Invalid marker key: ${JSON.stringify(key)}`);
    if (!VALUE.test(value)) throw new Error(`Invalid marker value for ${key}: ${JSON.stringify(value)}`);
    return ` ${key}=${value}`;
  });
  return `<!-- factory:${marker.kind}${parts.join("")} -->`;
}

/**
 * Every marker found in a body's HTML comments, in order. Malformed markers,
 * and anything marker-shaped that GitHub shows as text, are ignored.
 */
export function parseMarkers(body: string | null | undefined): Marker[] {
  // Most bodies hold no marker at all: only those that might are parsed as Markdown.
  if (!body || !body.includes("factory:")) return [];
  const found: Marker[] = [];
  for (const html of htmlOf(body)) found.push(...markersIn(html));
  return found;
}

/** The raw HTML pieces of a Markdown text (blocks and inline), where GitHub hides comments. */
function htmlOf(body: string): string[] {
  const tree: Root = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const pieces: string[] = [];
  visit(tree, "html", (node: Html) => {
    if (node.value.includes("factory:")) pieces.push(node.value);
  });
  return pieces;
}

function markersIn(html: string): Marker[] {
  const found: Marker[] = [];
  for (const match of html.matchAll(MARKER)) {
    const fields: Record<string, string> = {};
    for (const pair of (match[2] ?? "").trim().split(" ").filter(Boolean)) {
      const at = pair.indexOf("=");
      fields[pair.slice(0, at)] = pair.slice(at + 1);
    }
    found.push({ kind: match[1] as string, fields });
  }
  return found;
}

/**
 * The first marker of `kind` whose fields include every field in `where`,
 * or undefined.
 */
export function findMarker(
  body: string | null | undefined,
  kind: string,
  where: Record<string, string> = {},
): Marker | undefined {
  return parseMarkers(body).find(
    (marker) => marker.kind === kind && Object.entries(where).every(([k, v]) => marker.fields[k] === v),
  );
}
