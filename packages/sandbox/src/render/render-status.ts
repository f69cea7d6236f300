import type { CommitStatus, Repo } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderUser } from "./render-user.js";
import { iso } from "./iso.js";

/**
 * Renders a commit status as GitHub's `status` (what `POST …/statuses/{sha}`
 * answers and `GET …/commits/{ref}/statuses` lists), or with `simple` as the
 * `simple-commit-status` a combined status embeds
 * (https://docs.github.com/en/rest/commits/statuses).
 */
export function renderStatus(params: { repo: Repo; status: CommitStatus; simple?: boolean }): Record<string, unknown> {
  const { repo, status } = params;
  const common = {
    url: `${GITHUB_URLS.api}/repos/${repo.owner.login}/${repo.name}/statuses/${status.sha}`,
    avatar_url: `${GITHUB_URLS.avatars}/u/${status.creator.id}?v=4`,
    id: status.id,
    node_id: status.nodeId,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: iso(status.createdAt),
    updated_at: iso(status.updatedAt),
  };
  return params.simple ? common : { ...common, creator: renderUser(status.creator) };
}
