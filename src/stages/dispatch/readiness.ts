import type { Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { toString } from "mdast-util-to-string";
import { gfm } from "micromark-extension-gfm";
import type { Config } from "../../config/schema.js";

/**
 * The readiness check (SPEC §1.3): an issue is handed to an agent only with
 * acceptance criteria (an "Acceptance criteria" heading or label line with a
 * list under it) and no unanswered open questions (items under the
 * configured heading that are not ticked).
 */
export function readiness(body: string, rules: Config["dispatch"]["readiness"]): { ready: true } | { ready: false; reason: string } {
  const tree: Root = fromMarkdown(body.replace(/\r\n?/g, "\n"), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const heading = new RegExp(`^${rules.openQuestionsHeading.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:?$`, "i");
  const criteria = /^acceptance criteria:?$/i;
  if (rules.requireAcceptanceCriteria && listUnder(tree, criteria, heading).length === 0) {
    return { ready: false, reason: "no acceptance criteria (a list under an “Acceptance criteria” heading)" };
  }
  const open = listUnder(tree, heading, criteria).filter((item) => item.checked !== true);
  if (open.length > 0) return { ready: false, reason: `${open.length} open question${open.length === 1 ? "" : "s"} under “${rules.openQuestionsHeading}”` };
  return { ready: true };
}

/**
 * Items of the lists in the section a heading (or a bold label paragraph)
 * matching `title` opens; a label line naming the `other` section ends it.
 */
function listUnder(tree: Root, title: RegExp, other: RegExp): Array<{ checked?: boolean | null }> {
  const items: Array<{ checked?: boolean | null }> = [];
  let depth: number | undefined;
  for (const node of tree.children as RootContent[]) {
    if (node.type === "heading") {
      if (title.test(toString(node).trim())) {
        depth = node.depth;
        continue;
      }
      if (depth !== undefined && node.depth <= depth) depth = undefined;
      continue;
    }
    if (node.type === "paragraph") {
      const text = toString(node).trim();
      if (title.test(text)) {
        depth = 7;
        continue;
      }
      // The other section's label line ends this one, and so does any label line ("**Notes:**") after a label-opened section.
      if (other.test(text) || (depth === 7 && /^[^.\n]{1,60}:$/.test(text))) depth = undefined;
    }
    if (depth !== undefined && node.type === "list") items.push(...node.children);
  }
  return items;
}
