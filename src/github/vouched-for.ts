import { isFactoryAuthor, type FactoryIdentity } from "../model/authorship.js";
import { hasRole, type Role } from "../model/permission.js";
import type { IssueView } from "./list-issues.js";
import { getRole } from "./get-role.js";
import type { Octokit, RepoRef } from "./octokit.js";

/** Whether a login has the command permission; asked of GitHub once per login per run. */
export type PermissionCheck = (login: string) => Promise<boolean>;

/** A {@link PermissionCheck} that reads each login's role once (one GET each). */
export function authorsWithPermission(params: { octokit: Octokit; repo: RepoRef; required: Role }): PermissionCheck {
  const known = new Map<string, Promise<boolean>>();
  return (login) => {
    const key = login.toLowerCase();
    let answer = known.get(key);
    if (!answer) {
      answer = getRole({ octokit: params.octokit, repo: params.repo, login }).then((role) => hasRole(role, params.required));
      known.set(key, answer);
    }
    return answer;
  };
}

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
