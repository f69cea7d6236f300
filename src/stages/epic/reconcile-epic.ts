import { branchExists, defaultBranchHead } from "../../github/default-branch-head.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { Action, AppliedAction } from "../../model/action.js";
import { epicBranch } from "./epic-branch.js";

/** An epic Factory runs, with what it should have attached. */
export interface EpicToReconcile {
  number: number;
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

/** What reconciling one epic did. */
export interface ReconciledEpic {
  branch: string;
  /** Set when the branch was created now, from this head. */
  branchFrom?: { branch: string; sha: string };
  /** Links GitHub refused (a child with another parent, a full parent). */
  problems: string[];
}

/** Inputs of {@link reconcileEpic}. */
export interface ReconcileEpicParams {
  octokit: Octokit;
  repo: RepoRef;
  branchPrefix: string;
  epic: EpicToReconcile;
  /** Issue ids by number, where already read (sub-issues are linked by id); others are read one by one. */
  ids: ReadonlyMap<number, number>;
  /** The default branch's head, read at most once however many epics need it ({@link defaultHeadOnce}). */
  defaultHead: () => Promise<{ branch: string; sha: string }>;
  /** The executor, bound to the flow's identity. */
  apply: (actions: Action[]) => Promise<AppliedAction[]>;
}

/**
 * Gives an epic Factory runs what it must have (SPEC §1.2): its branch
 * `<prefix><number>-<slug>` (an existing one is reused), a `Parent: #EPIC`
 * comment and a native sub-issue link per child, and — when the epic is new
 * or its branch was missing — a comment saying it is ready. Every step is
 * ensure-style, so after a crash a rerun does only what is missing; a child
 * already linked gets neither link nor comment again.
 */
export async function reconcileEpic(params: ReconcileEpicParams): Promise<ReconciledEpic> {
  const { octokit, repo, epic, apply } = params;
  const result: ReconciledEpic = { branch: epicBranch({ prefix: params.branchPrefix, number: epic.number, slug: epic.slug }), problems: [] };
  const { branch } = result;
  const branchMissing = !(await branchExists({ octokit, repo, branch }));
  if (branchMissing) {
    const head = await params.defaultHead();
    await apply([{ kind: "createBranch", key: `branch:${branch}`, branch, sha: head.sha }]);
    result.branchFrom = head;
  }
  const linked = await octokit.paginate(octokit.rest.issues.listSubIssues, { ...repo, issue_number: epic.number, per_page: 100 });
  const linkedIds = new Set(linked.map((issue) => issue.id));
  for (const child of epic.children) {
    let id = params.ids.get(child);
    if (id === undefined) {
      const { data } = await octokit.rest.issues.get({ ...repo, issue_number: child });
      id = data.id;
    }
    if (linkedIds.has(id)) continue;
    const [, link] = await apply([
      {
        kind: "comment",
        key: `parent:${child}:${epic.number}`,
        issue: child,
        body: `Parent: #${epic.number}`,
        marker: { kind: "parent", fields: { epic: `#${epic.number}` } },
        since: epic.createdAt,
      },
      { kind: "addSubIssue", key: `sub:${epic.number}:${child}`, parent: epic.number, childId: id, child },
    ]);
    if (link?.outcome === "refused") result.problems.push(`#${child} could not be linked to #${epic.number} as a sub-issue: ${link.reason}`);
  }
  if (epic.isNew || branchMissing) {
    const how = epic.origin === "adopted" ? `Factory adopted this epic with ${epic.children.length} issues` : `Factory made this epic from ${epic.children.length} issues`;
    const from = result.branchFrom ? `, from \`${result.branchFrom.branch}\` at \`${result.branchFrom.sha.slice(0, 7)}\`` : "";
    await apply([
      {
        kind: "comment",
        key: `epic-ready:${epic.number}`,
        issue: epic.number,
        body:
          `${how}; each is linked as a sub-issue and carries a \`Parent: #${epic.number}\` comment. ` +
          `Its branch is \`${branch}\`${from}. ` +
          "Run `/factory dispatch next` here to hand the first phase to the agents.",
        marker: { kind: "epic-ready", fields: { epic: `#${epic.number}` } },
        since: epic.createdAt,
      },
    ]);
  }
  return result;
}

/** The default branch's head, read on first use and then remembered for the rest of the run. */
export function defaultHeadOnce(params: { octokit: Octokit; repo: RepoRef }): () => Promise<{ branch: string; sha: string }> {
  let head: Promise<{ branch: string; sha: string }> | undefined;
  return () => (head ??= defaultBranchHead(params));
}
