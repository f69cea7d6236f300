import { fitTitle } from "../../model/fit-title.js";
import type { FindingType } from "./finding.js";

/** Longest description kept in a title; GitHub allows 256 characters, lists show about 70. */
export const MAX_DESCRIPTION = 72;

/** Longest component kept in a title's scope: a directory name can be far longer than a title. */
export const MAX_COMPONENT = 40;

/**
 * `type(component): description`, the conventional-commit shape SPEC §1.1
 * asks for. The description starts lower-case unless it opens with an
 * acronym ("SQL injection"), and is cut on a word boundary with "…"; a long
 * component is cut at a hyphen, and the whole stays within GitHub's 256
 * characters.
 */
export function findingTitle(params: { type: FindingType | "feat"; component: string; summary: string }): string {
  return fitTitle(`${params.type}(${shortComponent(params.component)}): ${shortDescription(params.summary)}`);
}

/** The component as a title's scope: `very-long-directory-name…` past {@link MAX_COMPONENT} characters. */
export function shortComponent(component: string): string {
  if (component.length <= MAX_COMPONENT) return component;
  const cut = component.slice(0, MAX_COMPONENT - 1);
  const hyphen = cut.lastIndexOf("-");
  return `${(hyphen > MAX_COMPONENT / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, "")}…`;
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
