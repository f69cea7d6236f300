import type { AppliedAction, ResolvedAction } from "../../model/action.js";
import type { Octokit, RepoRef } from "../octokit.js";

/**
 * Links a child as a native sub-issue of its epic. GitHub answers 422 when
 * the child already has a parent or the parent is full (100 sub-issues,
 * closed ones included); that is reported, not thrown, so one child cannot
 * stop the rest of the epic.
 * https://docs.github.com/en/rest/issues/sub-issues#add-sub-issue
 */
export async function addSubIssue(octokit: Octokit, repo: RepoRef, action: Extract<ResolvedAction, { kind: "addSubIssue" }>): Promise<AppliedAction> {
  try {
    await octokit.rest.issues.addSubIssue({ ...repo, issue_number: action.parent, sub_issue_id: action.childId });
    return { action, outcome: "done" };
  } catch (error) {
    const { status, message } = error as { status?: number; message?: string };
    if (status === 422) return { action, outcome: "refused", reason: firstLine(message ?? "GitHub refused the link") };
    throw error;
  }
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").slice(0, 200);
}
