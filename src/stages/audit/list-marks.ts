import type { List, ListItem } from "mdast";
import { toString } from "mdast-util-to-string";
import { labelOf, splitLines } from "./read-fields.js";

/** How a list item is marked: done or fine (a ticked box, ✅, "is fine"), a problem (an open box, ❌, ⚠️), or not at all. */
export function itemMark(item: ListItem): "done" | "problem" | undefined {
  if (item.checked === true) return "done";
  const first = item.children[0];
  const text = first ? toString(first).trim() : "";
  if (/^(✅|✔|☑|✓|👍|🟢\s*(ok|pass|good))/u.test(text) || BENIGN.test(text)) return "done";
  if (item.checked === false || /^(❌|⚠|✗|✘|🚫|⛔|🔴|🟠|🟡)/u.test(text)) return "problem";
  return undefined;
}

/** Words that say an item is fine as it is: noted for awareness, by design, no action needed. */
const BENIGN = /\b(is fine|are fine|looks fine|fine as is|no action (is )?(needed|required)|for awareness|noted only|by design|not a bug|not an issue|works as intended|as intended|already (handled|fixed|in place|done)|none found|no issues? found)\b/i;

/** A list whose items carry marks (task boxes, ✅ ❌ ⚠️): its open or flagged items are the findings, however few. */
export function isMarkedList(list: List): boolean {
  const marks = list.children.map(itemMark);
  return marks.filter(Boolean).length * 2 >= list.children.length && marks.some((mark) => mark === "done");
}

/** A list of a finding's labelled parts (`- **Location:** …`, `- **Risk:** …`): half its items or more name a field. */
export function isFieldList(list: List): boolean {
  const labelled = list.children.filter((item) => {
    const first = item.children[0];
    return first?.type === "paragraph" && labelOf(splitLines(first)[0] ?? []) !== undefined;
  }).length;
  return labelled > 0 && labelled * 2 >= list.children.length;
}
