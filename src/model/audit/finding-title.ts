import type { FindingType } from "./finding.js";

/** Longest description kept in a title; GitHub allows 256 characters, lists show about 70. */
export const MAX_DESCRIPTION = 72;

/**
 * `type(component): description`, the conventional-commit shape SPEC §1.1
 * asks for. The description starts lower-case unless it opens with an
 * acronym ("SQL injection"), and is cut on a word boundary with "…".
 */
export function findingTitle(params: { type: FindingType | "feat"; component: string; summary: string }): string {
  return `${params.type}(${params.component}): ${shortDescription(params.summary)}`;
}

/** The description part of a title. */
export function shortDescription(summary: string): string {
  let text = summary.replace(/\s+/g, " ").trim().replace(/[.:;,]+$/, "");
  if (/^(\p{Lu}\p{Ll}|A\s)/u.test(text)) text = text.charAt(0).toLowerCase() + text.slice(1);
  if (text.length <= MAX_DESCRIPTION) return text || "untitled finding";
  const cut = text.slice(0, MAX_DESCRIPTION);
  const space = cut.lastIndexOf(" ");
  return `${(space > MAX_DESCRIPTION / 2 ? cut.slice(0, space) : cut).replace(/[\s.:;,-]+$/, "")}…`;
}
