import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { KeyPath } from "./find-owning-document.js";

/**
 * The 1-based line in `text` where the value at `path` is written: the line
 * of its key for a mapping entry, of its dash for a list item. When the path
 * goes deeper than the document (a key that is missing, so the default was
 * used), the line of the deepest part that exists is answered, e.g. the
 * parent mapping. An empty path answers the document's first content line.
 * Undefined only when the text has no content at all.
 */
export function locateYamlPath(params: { text: string; path: KeyPath }): number | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(params.text, { lineCounter, logLevel: "silent" });
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);

  let node: unknown = document.contents;
  let line = lineAt(rangeStart(node));
  for (const segment of params.path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      line = lineAt(rangeStart(pair.key)) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) break;
      line = lineAt(rangeStart(item)) ?? line;
      node = item;
    } else {
      break;
    }
  }
  return line;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
