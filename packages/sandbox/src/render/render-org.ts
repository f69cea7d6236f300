import type { Account } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";

/** Renders an organisation as GitHub's `organization-simple` object. */
export function renderOrg(org: Account): Record<string, unknown> {
  const api = `${GITHUB_URLS.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: org.nodeId,
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${GITHUB_URLS.avatars}/u/${org.id}?v=4`,
    description: null,
  };
}
