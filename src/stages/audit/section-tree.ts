import type { Heading, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";

/** A heading with what follows it up to the next heading of the same or a higher level. */
export interface Section {
  /** Undefined for the document itself. */
  heading?: Heading;
  /** The heading's plain text ("" for the document). */
  title: string;
  /** Block nodes between the heading and its first sub-heading. */
  content: RootContent[];
  children: Section[];
}

/** Folds a flat mdast document into nested sections by heading depth. */
export function buildSections(root: Root): Section {
  const top: Section = { title: "", content: [], children: [] };
  const stack: Array<{ depth: number; section: Section }> = [{ depth: 0, section: top }];
  for (const node of root.children) {
    if (node.type === "heading") {
      while (stack.length > 1 && (stack[stack.length - 1] as { depth: number }).depth >= node.depth) stack.pop();
      const section: Section = { heading: node, title: toString(node), content: [], children: [] };
      (stack[stack.length - 1] as { section: Section }).section.children.push(section);
      stack.push({ depth: node.depth, section });
    } else {
      (stack[stack.length - 1] as { section: Section }).section.content.push(node);
    }
  }
  return top;
}

/** Every node of a section and its sub-sections, headings included, in document order. */
export function flattenSection(section: Section): RootContent[] {
  return [...section.content, ...section.children.flatMap((child) => [child.heading as Heading, ...flattenSection(child)])];
}
