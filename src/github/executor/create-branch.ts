import type { AppliedAction, ResolvedAction } from "../../model/action.js";
import type { Octokit, RepoRef } from "../octokit.js";

/**
 * Creates a branch at a commit; an existing branch is reused, whatever it
 * points at (GitHub answers 422 "Reference already exists").
 * https://docs.github.com/en/rest/git/refs#create-a-reference
 */
export async function createBranch(octokit: Octokit, repo: RepoRef, action: Extract<ResolvedAction, { kind: "createBranch" }>): Promise<AppliedAction> {
  try {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${action.branch}`, sha: action.sha });
    return { action, outcome: "done" };
  } catch (error) {
    if ((error as { status?: number }).status === 422) return { action, outcome: "exists" };
    throw error;
  }
}
