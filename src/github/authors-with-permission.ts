import { hasRole, type Role } from "../model/permission.js";
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
