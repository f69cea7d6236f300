import { isFactoryAuthor, type FactoryIdentity } from "../model/authorship.js";
import type { IssueView } from "./list-issues.js";
import type { PermissionCheck } from "./authors-with-permission.js";

/**
 * Whether an implementation issue may be grouped and so, later, paid for
 * (SPEC §5): Factory opened it, a user with the command permission did, or
 * someone who can label issues (triage and up, never its stranger author)
 * gave it a `type:*` label. A stranger's `type(scope): …` title alone is
 * not enough. Only authors whose issue carries no such label cost a read.
 */
export async function isVouchedFor(params: { issue: Pick<IssueView, "author" | "labels">; identity: FactoryIdentity; vouched: PermissionCheck }): Promise<boolean> {
  const { issue } = params;
  if (isFactoryAuthor(issue.author, params.identity)) return true;
  if (issue.labels.some((label) => label.toLowerCase().startsWith("type:"))) return true;
  if (!issue.author || issue.author.bot) return false;
  return params.vouched(issue.author.login);
}
