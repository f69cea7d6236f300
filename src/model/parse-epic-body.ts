import type { Heading, List, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toString } from "mdast-util-to-string";
import { gfm } from "micromark-extension-gfm";
import { parse as parseYaml } from "yaml";
import { findMarker } from "./markers.js";
import { PHASE_KINDS, type EpicDocument, type EpicPhase, type Manifest, type PhaseKind } from "./epic-document.js";

const PHASE = /^phase\s+(\d+)\s*[:.–—-]?\s*(.*?)\s*\(\s*(blocking|parallel|cleanup)\s*\)\s*$/i;
const CHILD = /^#(\d+)\b\s*(?:[-–—:]\s*)?(.*)$/;

/**
 * Reads an epic body back (SPEC §1.2: the body is the source of truth). It
 * tolerates what people do to a body: moved or reordered lines, children
 * moved between phases, added prose or lists outside the phases, ticked
 * boxes, CRLF line endings, a broken manifest. Only list lines that start
 * with `#NUM` under a `Phase N: name (kind)` heading are children — with a
 * task-list box or, when a person forgot it, without one.
 */
export function parseEpicBody(body: string): EpicDocument {
  const text = body.replace(/\r\n?/g, "\n");
  const tree: Root = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const marker = findMarker(text, "epic");
  const phases: EpicPhase[] = [];
  const seen = new Set<number>();
  const duplicates: number[] = [];
  let current: { phase: EpicPhase; depth: number } | undefined;
  for (const node of tree.children) {
    if (node.type === "heading") {
      const phase = readPhaseHeading(node);
      if (phase) {
        phases.push(phase);
        current = { phase, depth: node.depth };
      } else if (current && node.depth <= current.depth) {
        current = undefined;
      }
      continue;
    }
    if (current && node.type === "list") {
      for (const child of readChildren(node)) {
        if (seen.has(child.number)) {
          duplicates.push(child.number);
          continue;
        }
        seen.add(child.number);
        current.phase.children.push(child);
      }
    }
  }
  const manifest = readManifest(tree);
  return {
    ...(marker?.fields.theme ? { theme: marker.fields.theme } : {}),
    ...(marker?.fields.slug ? { slug: marker.fields.slug } : {}),
    ...(marker?.fields.batch ? { batch: marker.fields.batch } : {}),
    phases,
    ...(manifest ? { manifest } : {}),
    duplicates,
  };
}

function readPhaseHeading(node: Heading): EpicPhase | undefined {
  const match = PHASE.exec(toString(node).trim());
  if (!match) return undefined;
  const kind = (match[3] as string).toLowerCase() as PhaseKind;
  return { number: Number(match[1]), name: (match[2] as string).trim() || kind, kind: PHASE_KINDS.includes(kind) ? kind : "parallel", children: [] };
}

function readChildren(list: List): Array<{ number: number; title: string; checked: boolean }> {
  const children: Array<{ number: number; title: string; checked: boolean }> = [];
  for (const item of list.children) {
    const first = item.children[0];
    if (first?.type !== "paragraph") continue;
    const match = CHILD.exec(toString(first).trim());
    if (!match) continue;
    children.push({ number: Number(match[1]), title: (match[2] as string).trim(), checked: item.checked === true });
  }
  return children;
}

function readManifest(tree: Root): Manifest | undefined {
  for (const node of tree.children) {
    if (node.type !== "code" || node.lang !== "yaml") continue;
    try {
      const value = parseYaml(node.value) as Partial<Manifest> | null;
      if (value && typeof value.batch === "string" && Array.isArray(value.tickets)) return value as Manifest;
    } catch {
      // A manifest a person broke is not fatal: the phases are the source of truth.
    }
  }
  return undefined;
}
