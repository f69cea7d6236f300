import type { Nodes } from "mdast";
import { toString } from "mdast-util-to-string";

/**
 * The plain text of nodes without code or HTML: what keyword maps read.
 * Inline code is left out too — it holds paths and identifiers
 * (`tests/test_views.py`), which would vote for a type by accident.
 */
export function proseOf(nodes: readonly Nodes[]): string {
  const parts: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "code" || node.type === "html" || node.type === "inlineCode") return;
    if (node.type === "text") {
      parts.push(node.value);
      return;
    }
    if ("children" in node) {
      for (const child of node.children) visit(child as Nodes);
      parts.push(" ");
    }
  };
  for (const node of nodes) visit(node);
  return toString({ type: "text", value: parts.join(" ") }).replace(/\s+/g, " ").trim();
}
