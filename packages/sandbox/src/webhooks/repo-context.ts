import type { Account, Repo } from "../store-types.js";
import { renderRepo } from "../render/render-repo.js";
import { renderOrg } from "../render/render-org.js";
import { renderUser } from "../render/render-user.js";

/**
 * The fields every repository webhook carries: `repository`, `sender`, and
 * `organization` when the repository belongs to one. (`installation` is
 * added per delivery.)
 */
export function repoContext(params: { repo: Repo; sender: Account }): Record<string, unknown> {
  const { repo, sender } = params;
  return {
    repository: renderRepo(repo),
    ...(repo.owner.type === "Organization" ? { organization: renderOrg(repo.owner) } : {}),
    sender: renderUser(sender),
  };
}
