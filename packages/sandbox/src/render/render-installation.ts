import type { App, Installation } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderUser } from "./render-user.js";
import { iso } from "./iso.js";

/** Renders an installation as GitHub's `installation` object. */
export function renderInstallation(params: { installation: Installation; app: App }): Record<string, unknown> {
  const { installation, app } = params;
  const account = installation.account;
  return {
    id: installation.id,
    account: renderUser(account),
    repository_selection: installation.repositorySelection,
    access_tokens_url: `${GITHUB_URLS.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${GITHUB_URLS.api}/installation/repositories`,
    html_url:
      account.type === "Organization"
        ? `${GITHUB_URLS.html}/organizations/${account.login}/settings/installations/${installation.id}`
        : `${GITHUB_URLS.html}/settings/installations/${installation.id}`,
    app_id: app.id,
    app_slug: app.slug,
    client_id: app.clientId,
    target_id: account.id,
    target_type: account.type === "Organization" ? "Organization" : "User",
    permissions: installation.permissions,
    events: installation.events,
    created_at: iso(installation.createdAt),
    updated_at: iso(installation.updatedAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}
