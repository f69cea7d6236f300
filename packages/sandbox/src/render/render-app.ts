import type { App } from "../store-types.js";
import { GITHUB_URLS } from "./github-urls.js";
import { renderUser } from "./render-user.js";
import { iso } from "./iso.js";

/** Renders an app as GitHub's `integration` object (`GET /app`, `check_run.app`). */
export function renderApp(app: App): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: app.nodeId,
    client_id: app.clientId,
    owner: renderUser(app.owner),
    name: app.name,
    description: app.description,
    external_url: `${GITHUB_URLS.html}/apps/${app.slug}`,
    html_url: `${GITHUB_URLS.html}/apps/${app.slug}`,
    created_at: iso(app.createdAt),
    updated_at: iso(app.updatedAt),
    permissions: app.permissions,
    events: app.events,
  };
}
