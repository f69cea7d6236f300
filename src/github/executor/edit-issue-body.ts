import type { AppliedAction, ResolvedAction } from "../../model/action.js";
import { withoutTime } from "../../model/without-time.js";
import type { Octokit, RepoRef } from "../octokit.js";

/**
 * Replaces an issue's body, ensure-style: it reads the body first and writes
 * nothing when it already is the new one (a rerun, a redelivered webhook).
 * When the plan was made from a body that has since been edited by someone
 * else, the edit is refused rather than written over their change; the flow
 * reports it and a rerun plans from the newer body.
 * https://docs.github.com/en/rest/issues/issues#update-an-issue
 */
export async function editIssueBody(octokit: Octokit, repo: RepoRef, action: Extract<ResolvedAction, { kind: "editIssueBody" }>): Promise<AppliedAction> {
  const current = action.read ?? (await octokit.rest.issues.get({ ...repo, issue_number: action.issue })).data.body ?? "";
  const same = (a: string, b: string) => (action.ignoreTime ? sameBody(withoutTime(a), withoutTime(b)) : sameBody(a, b));
  if (same(current, action.body)) return { action, outcome: "exists" };
  if (action.expect !== undefined && !same(current, action.expect)) {
    return { action, outcome: "refused", reason: `#${action.issue} was edited after Factory read it` };
  }
  await octokit.rest.issues.update({ ...repo, issue_number: action.issue, body: action.body });
  return { action, outcome: "done" };
}

/** Bodies compared as GitHub shows them: line endings and trailing blank space do not count. */
function sameBody(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/\r\n?/g, "\n").trimEnd();
  return normal(a) === normal(b);
}
