import type { Octokit, RepoRef } from "./octokit.js";

/** The default branch's name and head commit, where epic branches start. */
export async function defaultBranchHead(params: { octokit: Octokit; repo: RepoRef }): Promise<{ branch: string; sha: string }> {
  const { data: repository } = await params.octokit.rest.repos.get({ ...params.repo });
  const { data: ref } = await params.octokit.rest.git.getRef({ ...params.repo, ref: `heads/${repository.default_branch}` });
  return { branch: repository.default_branch, sha: ref.object.sha };
}

/** Whether a branch exists. */
export async function branchExists(params: { octokit: Octokit; repo: RepoRef; branch: string }): Promise<boolean> {
  try {
    await params.octokit.rest.git.getRef({ ...params.repo, ref: `heads/${params.branch}` });
    return true;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
