import type { Action, IssueRef } from "../../model/action.js";
import { refText } from "../../model/action.js";
import { epicBranch } from "./epic-branch.js";

/** An epic Factory runs, with what it should have attached. */
export interface EpicToReconcile {
  /** Its number, or the ref of the `createIssue` that makes it earlier in the same plan. */
  number: IssueRef;
  /** From the epic's marker; names its branch. */
  slug: string | undefined;
  children: readonly number[];
  /** When the epic was opened: comments older than that cannot be Factory's. */
  createdAt: string;
  /** Made or adopted in this run: it gets its ready comment even when its branch was there already. */
  isNew: boolean;
  /** How it became Factory's, for the ready comment. */
  origin?: "made" | "adopted";
}

/** What GitHub holds for an epic already: its branch, its linked sub-issues, its children's ids. */
export interface EpicFacts {
  branchExists: boolean;
  /** Numbers of its children already linked as its sub-issues. */
  linked: ReadonlySet<number>;
  /** Issue ids by number, for the children still to link (sub-issues are linked by id). */
  ids: ReadonlyMap<number, number>;
  /** The default branch's head: where a missing epic branch starts. */
  defaultHead?: { branch: string; sha: string };
}

/** The epic's branch name; a placeholder number for an epic the plan makes. */
export function reconciledBranch(epic: Pick<EpicToReconcile, "number" | "slug">, prefix: string): string {
  return epicBranch({ prefix, number: typeof epic.number === "number" ? epic.number : refText(epic.number.ref), slug: epic.slug });
}

/**
 * What an epic Factory runs must have (SPEC §1.2), pure: its branch
 * `<prefix><number>-<slug>` (an existing one is reused), a `Parent: #EPIC`
 * comment and a native sub-issue link per child not linked yet, and — when
 * the epic is new or anything was missing, before the links — a comment
 * saying it is ready.
 * Every action is ensure-style, so after a crash a rerun does only what is
 * missing.
 */
export function planReconcile(params: { epic: EpicToReconcile; facts: EpicFacts; branchPrefix: string }): Action[] {
  const { epic, facts } = params;
  const branch = reconciledBranch(epic, params.branchPrefix);
  const number = typeof epic.number === "number" ? String(epic.number) : refText(epic.number.ref);
  const keyOf = typeof epic.number === "number" ? number : epic.number.ref;
  const actions: Action[] = [];
  const from = facts.branchExists ? undefined : facts.defaultHead;
  if (!facts.branchExists) {
    if (!from) throw new Error(`the default branch's head was not read, and epic ${keyOf} needs its branch`);
    actions.push({ kind: "createBranch", key: `branch:${keyOf}`, branch, sha: from.sha });
  }
  // Posted before the links, and planned whenever anything is missing: a run that died before the end never leaves an epic
  // complete but silent, and the executor looks for the comment before writing it again.
  const unlinked = epic.children.filter((child) => !facts.linked.has(child));
  if (epic.isNew || !facts.branchExists || unlinked.length > 0) {
    const how = epic.origin === "adopted" ? `Factory adopted this epic with ${epic.children.length} issues` : `Factory made this epic from ${epic.children.length} issues`;
    const start = from ? `, from \`${from.branch}\` at \`${from.sha.slice(0, 7)}\`` : "";
    actions.push({
      kind: "comment",
      key: `epic-ready:${keyOf}`,
      issue: epic.number,
      body:
        `${how}; each is linked as a sub-issue and carries a \`Parent: #${number}\` comment. ` +
        `Its branch is \`${branch}\`${start}. ` +
        "Run `/factory dispatch next` here to hand the first phase to the agents.",
      marker: { kind: "epic-ready", fields: { epic: `#${number}` } },
      since: epic.createdAt,
    });
  }
  for (const child of unlinked) {
    const id = facts.ids.get(child);
    if (id === undefined) throw new Error(`the id of #${child} was not read`);
    actions.push(
      {
        kind: "comment",
        key: `parent:${child}:${keyOf}`,
        issue: child,
        body: `Parent: #${number}`,
        marker: { kind: "parent", fields: { epic: `#${number}` } },
        since: epic.createdAt,
      },
      { kind: "addSubIssue", key: `sub:${keyOf}:${child}`, parent: epic.number, childId: id, child },
    );
  }
  return actions;
}

/** The links GitHub refused in an applied plan, in words for the reply. */
export function linkProblems(applied: ReadonlyArray<{ action: Action; outcome: string; reason?: string }>, numberOf: (ref: IssueRef) => number | undefined): string[] {
  return applied.flatMap(({ action, outcome, reason }) =>
    action.kind === "addSubIssue" && outcome === "refused" ? [`#${action.child} could not be linked to #${numberOf(action.parent) ?? "?"} as a sub-issue: ${reason}`] : [],
  );
}
