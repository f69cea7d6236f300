import { branchExists } from "../../github/default-branch-head.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { EpicFacts } from "./plan-reconcile.js";

/**
 * Reads what an existing epic has already — its branch, its sub-issues
 * (`linkedChildren`) — and the ids of the children still to link that `ids`
 * lacks, one request each (a closed child; an open one's id was listed).
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
  const linked = await readLinkedChildren({ octokit, repo, epic: params.epic });
  const ids = new Map(params.ids);
  for (const child of params.children) {
    if (ids.has(child) || linked.has(child)) continue;
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: child });
    ids.set(child, data.id);
  }
  return { branchExists: exists, linked, ids };
}

/** The numbers of an epic's sub-issues in its own repository (a sub-issue may live in another one, under the same number). */
export async function readLinkedChildren(params: { octokit: Octokit; repo: RepoRef; epic: number }): Promise<Set<number>> {
  const { octokit, repo } = params;
  const subIssues = await octokit.paginate(octokit.rest.issues.listSubIssues, { ...repo, issue_number: params.epic, per_page: 100 });
  const own = `/repos/${repo.owner}/${repo.repo}`.toLowerCase();
  return new Set(subIssues.filter((issue) => issue.repository_url.toLowerCase().endsWith(own)).map((issue) => issue.number));
}
