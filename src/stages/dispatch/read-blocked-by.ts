import type { Octokit, RepoRef } from "../../github/octokit.js";

/**
 * The numbers of the issues GitHub's issue dependencies say block an issue
 * (https://docs.github.com/en/rest/issues/issue-dependencies). A server
 * without the feature (404) counts as none.
 */
export async function readBlockedBy(params: { octokit: Octokit; repo: RepoRef; issue: number }): Promise<number[]> {
  try {
    const blockers = await params.octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", {
      ...params.repo,
      issue_number: params.issue,
      per_page: 100,
    });
    return (blockers as Array<{ number: number }>).map((issue) => issue.number);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return [];
    throw error;
  }
}
