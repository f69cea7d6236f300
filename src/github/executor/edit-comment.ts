import type { AppliedAction, ResolvedAction } from "../../model/action.js";
import { isFactoryAuthor, restAuthor } from "../../model/authorship.js";
import type { ApplyActionsParams } from "./apply-actions-params.js";

/**
 * Rewrites one of Factory's comments, ensure-style: it reads the comment
 * first, writes nothing when it already says the new text, and refuses when
 * the comment is not Factory's or was edited after the flow read it (the
 * flow reads again and plans from the newer text).
 * https://docs.github.com/en/rest/issues/comments#update-an-issue-comment
 */
export async function editComment(
  params: Pick<ApplyActionsParams, "octokit" | "repo" | "identity">,
  action: Extract<ResolvedAction, { kind: "editComment" }>,
): Promise<AppliedAction> {
  const { octokit, repo } = params;
  const { data } = await octokit.rest.issues.getComment({ ...repo, comment_id: action.commentId });
  if (!isFactoryAuthor(restAuthor(data), params.identity)) {
    return { action, outcome: "refused", reason: `comment ${action.commentId} is not Factory's` };
  }
  const current = data.body ?? "";
  if (sameBody(current, action.body)) return { action, outcome: "exists", id: action.commentId };
  if (action.expect !== undefined && !sameBody(current, action.expect)) {
    return { action, outcome: "refused", reason: `comment ${action.commentId} was edited after Factory read it` };
  }
  await octokit.rest.issues.updateComment({ ...repo, comment_id: action.commentId, body: action.body });
  return { action, outcome: "done", id: action.commentId };
}

/** Bodies compared as GitHub shows them: line endings and trailing blank space do not count. */
function sameBody(a: string, b: string): boolean {
  const normal = (text: string) => text.replace(/\r\n?/g, "\n").trimEnd();
  return normal(a) === normal(b);
}
