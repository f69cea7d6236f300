import type { Action, IssueRef, ResolvedAction } from "../../model/action.js";

/** The opening and closing marks of {@link refText}: characters no GitHub text Factory writes uses. */
const PLACEHOLDER = /\u27e6([^\u27e6\u27e7]{1,100})\u27e7/g;

/**
 * Puts the numbers of the issues this plan created into an action: an issue
 * given as `{ ref }`, and a `refText` placeholder of a ref the plan declares
 * (`declared`: its `createIssue` refs) in any of its texts. A ref the plan
 * has not created (yet) is an error in the plan, never guessed.
 */
export function resolveRefs(action: Action, refs: ReadonlyMap<string, number>, declared: ReadonlySet<string> = new Set()): ResolvedAction {
  const number = (ref: IssueRef): number => {
    if (typeof ref === "number") return ref;
    const found = refs.get(ref.ref);
    if (found === undefined) throw new Error(`the plan refers to issue ${ref.ref}, which it has not created`);
    return found;
  };
  const text = (value: unknown): unknown => {
    // Only the plan's own refs are replaced: the same marks in someone's text stay text.
    if (typeof value === "string") return value.replace(PLACEHOLDER, (whole, ref: string) => (declared.has(ref) ? String(number({ ref })) : whole));
    if (Array.isArray(value)) return value.map(text);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, text(v)]));
    return value;
  };
  if (declared.size === 0 && !hasRef(action)) return action as ResolvedAction;
  const resolved = text(action) as Action;
  if (resolved.kind === "comment") return { ...resolved, issue: number(resolved.issue) };
  if (resolved.kind === "addSubIssue") return { ...resolved, parent: number(resolved.parent) };
  return resolved;
}

function hasRef(action: Action): boolean {
  return (action.kind === "comment" && typeof action.issue !== "number") || (action.kind === "addSubIssue" && typeof action.parent !== "number");
}
