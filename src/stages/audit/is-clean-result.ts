import { toString } from "mdast-util-to-string";
import type { Section } from "./section-tree.js";

/** A section whose prose reports that nothing was found, and names no problem. */
export function isCleanResult(section: Section): boolean {
  const text = section.content.map((node) => toString(node)).join(" ");
  return (
    /\b(no (issues|problems|findings|vulnerabilities|secrets|dead code|errors|warnings|known vulnerabilities)( were| was)? (found|detected|reported|identified)|none (found|detected|identified)|nothing (found|to report)|found nothing|reports? no|0 (vulnerabilities|issues|errors|findings)|all (tests|checks) pass(ed|ing)?|all passing|(is|are|was|came back) clean)\b/i.test(text) ||
    /^\s*(consistent|clean|fine|good|ok|none)\b/i.test(text)
  );
}
