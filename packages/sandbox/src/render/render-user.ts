import type { Account } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";

/** Renders an account as GitHub's `simple-user` object (also used for bots and orgs as owners). */
export function renderUser(account: Account): Record<string, unknown> {
  // Bot logins carry brackets (`factory[bot]`), which GitHub percent-encodes in URLs.
  const api = `${GITHUB_URLS.api}/users/${encodeURIComponent(account.login)}`;
  return {
    login: account.login,
    id: account.id,
    node_id: account.nodeId,
    avatar_url: `${GITHUB_URLS.avatars}/u/${account.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${GITHUB_URLS.html}/${account.type === "Bot" ? `apps/${account.login.replace(/\[bot\]$/, "")}` : account.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: account.type,
    user_view_type: "public",
    site_admin: false,
  };
}
