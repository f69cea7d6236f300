import { defaultBranchHead } from "../../github/default-branch-head.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { Action, AppliedAction } from "../../model/action.js";
import { linkProblems, planReconcile, reconciledBranch, type EpicToReconcile } from "./plan-reconcile.js";
import { readEpicFacts } from "./read-epic-facts.js";

export type { EpicToReconcile } from "./plan-reconcile.js";

/** What reconciling one epic did. */
export interface ReconciledEpic {
  branch: string;
  /** Set when the branch was created now, from this head. */
  branchFrom?: { branch: string; sha: string };
  /** Links GitHub refused (a child with another parent, a full parent). */
  problems: string[];
}

/**
 * Reconciles one existing epic on its own (an adoption): reads what it has
 * (`readEpicFacts`, and the default branch's head when its branch is
 * missing), plans what it lacks with `planReconcile`, and applies that.
 */
export async function reconcileEpic(params: {
  octokit: Octokit;
  repo: RepoRef;
  branchPrefix: string;
  epic: EpicToReconcile & { number: number };
  /** Issue ids by number, where already read; others are read one by one. */
  ids: ReadonlyMap<number, number>;
  /** The executor, bound to the flow's identity. */
  apply: (actions: Action[]) => Promise<AppliedAction[]>;
}): Promise<ReconciledEpic> {
  const { octokit, repo, epic } = params;
  const branch = reconciledBranch(epic, params.branchPrefix);
  const facts = await readEpicFacts({ octokit, repo, epic: epic.number, branch, children: epic.children, ids: params.ids });
  const defaultHead = facts.branchExists ? undefined : await defaultBranchHead({ octokit, repo });
  const applied = await params.apply(planReconcile({ epic, facts: { ...facts, ...(defaultHead ? { defaultHead } : {}) }, branchPrefix: params.branchPrefix }));
  return { branch, ...(defaultHead ? { branchFrom: defaultHead } : {}), problems: linkProblems(applied, () => epic.number) };
}
