/**
 * What to do when GitHub refuses `enablePullRequestAutoMerge`, by its
 * message (https://docs.github.com/en/graphql/reference/mutations#enablepullrequestautomerge):
 * - `merge`: GitHub cannot arm auto-merge but nothing forbids merging — the
 *   pull request can merge right now ("clean status"), the base branch has
 *   no protection to wait for ("Protected branch rules not configured"), or
 *   the repository does not allow auto-merge (`allow_auto_merge` is off, as
 *   it is by default). Factory has checked CI and approvals itself, so it
 *   merges the pull request through its own queue.
 * - `wait`: GitHub sees something not finished or not passing ("unstable
 *   status": a check or status is pending or failing), or Factory may not
 *   ("not authorized", "Resource not accessible by integration" for an app
 *   without Contents write, "… is not allowed to push to this repository",
 *   "… does not have the correct permissions to execute"): nothing is
 *   merged; the check run reports the refusal and the next pass looks again.
 * - `unknown`: any other answer is an error worth reporting as one.
 */
export function autoMergeRefusal(message: string): "merge" | "wait" | "unknown" {
  if (/clean status|protected branch rules not configured|auto[- ]?merge is not allowed/i.test(message)) return "merge";
  if (/unstable status|not authorized|not permitted|not allowed to push|does not have the correct permissions|must have (admin|write|push)|resource not accessible/i.test(message)) return "wait";
  return "unknown";
}
