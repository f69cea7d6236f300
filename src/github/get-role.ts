import { toRole, type Role } from "../model/permission.js";
import type { Octokit, RepoRef } from "./octokit.js";

/**
 * The user's role on the repository, through the collaborator-permission API
 * (https://docs.github.com/en/rest/collaborators/collaborators#get-repository-permissions-for-a-user).
 * A user GitHub does not know as a collaborator (404) has no role.
 */
export async function getRole(params: { octokit: Octokit; repo: RepoRef; login: string }): Promise<Role> {
  try {
    const { data } = await params.octokit.rest.repos.getCollaboratorPermissionLevel({
      ...params.repo,
      username: params.login,
    });
    return toRole({ permission: data.permission, role_name: data.role_name });
  } catch (error) {
    if ((error as { status?: number }).status === 404) return "none";
    throw new Error(`Could not read ${params.login}'s permission on ${params.repo.owner}/${params.repo.repo}`, {
      cause: error,
    });
  }
}
