import { branchExists } from "../../github/default-branch-head.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { EpicFacts } from "./plan-reconcile.js";

/**
 * Reads what an existing epic has already (its branch, its linked
 * sub-issues) and the ids of its children that `ids` lacks, one request each.
 */
export async function readEpicFacts(params: {
  octokit: Octokit;
  repo: RepoRef;
  epic: number;
  branch: string;
  children: readonly number[];
  /** Issue ids already read (the open issues). */
  ids: ReadonlyMap<number, number>;
}): Promise<Omit<EpicFacts, "defaultHead">> {
  const { octokit, repo } = params;
  const exists = await branchExists({ octokit, repo, branch: params.branch });
  const linked = await octokit.paginate(octokit.rest.issues.listSubIssues, { ...repo, issue_number: params.epic, per_page: 100 });
  const ids = new Map(params.ids);
  for (const child of params.children) {
    if (ids.has(child)) continue;
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: child });
    ids.set(child, data.id);
  }
  return { branchExists: exists, linked: new Set(linked.map((issue) => issue.id)), ids };
}
