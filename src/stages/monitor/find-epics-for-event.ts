import type { Octokit, RepoRef } from "../../github/octokit.js";

/** What a webhook says about where it happened, structurally. */
export interface EventRefs {
  /** Branches of the pull requests involved (base and head). */
  branches: string[];
  /** Issues whose parent epic is wanted: a closed or reopened child, or children a pull request names. */
  issues: number[];
  /** Head branches whose open pull requests' bases are wanted (a commit status names only the branches holding its commit). */
  heads?: string[];
}

const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;

/** The issue numbers a pull request body references with closing keywords (read as references, never as instructions). */
export function closingRefs(body: string | null | undefined): number[] {
  return [...(body ?? "").matchAll(CLOSING)].map((match) => Number(match[1]));
}

/**
 * The epics an event concerns: epic branches named by its pull requests
 * (`epic/42-…` as base or head), and the sub-issue parents of the issues it
 * names.
 */
export async function findEpicsForEvent(params: { octokit: Octokit; repo: RepoRef; prefix: string; refs: EventRefs }): Promise<number[]> {
  const epics = new Set<number>();
  const pattern = new RegExp(`^${params.prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\d+)-`);
  const bases = [...params.refs.branches];
  for (const head of params.refs.heads ?? []) {
    // https://docs.github.com/en/rest/pulls/pulls#list-pull-requests (head: `owner:branch`)
    const { data } = await params.octokit.rest.pulls.list({ ...params.repo, state: "open", head: `${params.repo.owner}:${head}`, per_page: 10 });
    bases.push(...data.map((pull) => pull.base.ref));
  }
  for (const branch of bases) {
    const match = pattern.exec(branch);
    if (match) epics.add(Number(match[1]));
  }
  for (const issue of [...new Set(params.refs.issues)].slice(0, 10)) {
    try {
      const { data } = await params.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}/parent", { ...params.repo, issue_number: issue });
      epics.add((data as { number: number }).number);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  return [...epics].sort((a, b) => a - b);
}
