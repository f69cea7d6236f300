import type { Config } from "../../config/schema.js";
import { defaultBranchHead } from "../../github/default-branch-head.js";
import type { IssueView } from "../../github/list-issues.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import { childrenOf } from "../../model/epic-document.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import { runFlow } from "../run-flow.js";
import { linkProblems, planReconcile, reconciledBranch } from "./plan-reconcile.js";
import { readEpicFacts } from "./read-epic-facts.js";

/** What reconciling one epic did, or would do. */
export interface ReconcileOutcome {
  /** Keys of the actions written (or, for a dry run, the actions in words). */
  done: string[];
  /** Links GitHub refused, in words. */
  problems: string[];
}

/**
 * Gives an open Factory epic what it must have (SPEC §1.2) when something
 * was lost — a process killed between writing the epic and its branch, or
 * while linking its children: observe its branch and sub-issues (and the
 * default branch's head only when the branch is missing and the epic's
 * pull request did not merge from it), plan what is
 * missing with `planReconcile`, apply it. Run by `/factory sync` and the
 * sweep before each epic's monitor pass; two requests when nothing is missing.
 */
export async function runReconcile(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "epics">;
  identity: FactoryIdentity;
  epic: Pick<IssueView, "number" | "body" | "createdAt">;
  dryRun?: boolean;
}): Promise<ReconcileOutcome> {
  const { octokit, repo, epic } = params;
  const document = parseEpicBody(epic.body);
  const target = { number: epic.number, slug: document.slug, children: childrenOf(document).map((c) => c.number), createdAt: epic.createdAt, isNew: false };
  const branchPrefix = params.config.epics.branchPrefix;
  const run = await runFlow({
    observe: async () => {
      const branch = reconciledBranch(target, branchPrefix);
      const facts = await readEpicFacts({ octokit, repo, epic: epic.number, branch, children: target.children, ids: new Map() });
      if (facts.branchExists) return { ...facts, merged: false };
      // A branch GitHub deleted after the epic's pull request merged is not made again: the monitor pass closes the epic.
      const pulls = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${branch}`, state: "closed", per_page: 10 });
      if (pulls.data.some((pull) => pull.merged_at !== null)) return { ...facts, merged: true };
      return { ...facts, merged: false, defaultHead: await defaultBranchHead({ octokit, repo }) };
    },
    plan: (facts) => ({ actions: facts.merged ? [] : planReconcile({ epic: target, facts, branchPrefix }), reply: undefined }),
    writer: { octokit, repo, identity: params.identity },
    dryRun: params.dryRun ?? false,
    context: () => ({ epic: epic.number }),
  });
  if (run.described) return { done: run.described, problems: [] };
  return { done: run.applied.filter((a) => a.outcome === "done").map((a) => a.action.key), problems: linkProblems(run.applied, () => epic.number) };
}
