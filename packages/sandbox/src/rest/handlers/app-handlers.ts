import type { RestContext, RestHandler, RestResult } from "../rest-context.js";
import type { Installation } from "../../store-types.js";
import { SandboxError } from "../../sandbox-error.js";
import { renderApp } from "../../render/render-app.js";
import { renderInstallation } from "../../render/render-installation.js";
import { renderRepo } from "../../render/render-repo.js";
import { iso } from "../../render/iso.js";

function ownInstallation(ctx: RestContext, find: (i: Installation) => boolean): RestResult {
  const { app } = ctx.requireApp();
  const installation = [...ctx.store.installations.values()].find((i) => i.appId === app.id && find(i));
  if (!installation) throw new SandboxError({ status: 404, message: "Not Found" });
  return { status: 200, body: renderInstallation({ installation, app }) };
}

/** The `/app…` endpoints an app calls with its JWT, and the installation's repository list. */
export const appHandlers: Record<string, RestHandler> = {
  "apps/get-authenticated": (ctx) => {
    const { app } = ctx.requireApp();
    const count = [...ctx.store.installations.values()].filter((i) => i.appId === app.id).length;
    return { status: 200, body: { ...renderApp(app), installations_count: count } };
  },
  "apps/list-installations": (ctx) => {
    const { app } = ctx.requireApp();
    const list = [...ctx.store.installations.values()].filter((i) => i.appId === app.id);
    return ctx.paginate(list.map((installation) => renderInstallation({ installation, app })));
  },
  "apps/get-installation": (ctx) => ownInstallation(ctx, (i) => i.id === ctx.int("installation_id")),
  "apps/get-repo-installation": (ctx) => {
    const repo = ctx.store.repo(ctx.str("owner"), ctx.str("repo"));
    return ownInstallation(ctx, (i) => repo !== undefined && ctx.store.installationsFor(repo).includes(i));
  },
  "apps/get-org-installation": (ctx) =>
    ownInstallation(ctx, (i) => i.account.type === "Organization" && i.account.login.toLowerCase() === ctx.str("org").toLowerCase()),
  "apps/get-user-installation": (ctx) =>
    ownInstallation(ctx, (i) => i.account.login.toLowerCase() === ctx.str("username").toLowerCase()),
  "apps/create-installation-access-token": (ctx) => {
    const { app } = ctx.requireApp();
    const installation = ctx.store.installations.get(ctx.int("installation_id"));
    if (!installation || installation.appId !== app.id) throw new SandboxError({ status: 404, message: "Not Found" });
    const visible = [...ctx.store.reposById.values()].filter((r) => ctx.store.installationsFor(r).includes(installation));
    const names = ctx.body.repositories as string[] | undefined;
    const ids = ctx.body.repository_ids as number[] | undefined;
    let repositoryIds: number[] | undefined;
    if (names || ids) {
      const chosen = visible.filter((r) => names?.includes(r.name) || ids?.includes(r.id));
      if (chosen.length !== (names?.length ?? 0) + (ids?.length ?? 0)) {
        throw new SandboxError({ status: 422, message: "There is at least one repository that does not exist or is not accessible to the parent installation." });
      }
      repositoryIds = chosen.map((r) => r.id);
    }
    const token = ctx.init.auth.mintInstallationToken({ installation, repositoryIds });
    const body: Record<string, unknown> = {
      token: token.token,
      expires_at: iso(token.expiresAt),
      permissions: (ctx.body.permissions as Record<string, string> | undefined) ?? installation.permissions,
      repository_selection: repositoryIds ? "selected" : installation.repositorySelection,
    };
    if (repositoryIds) body.repositories = visible.filter((r) => repositoryIds.includes(r.id)).map(renderRepo);
    return { status: 201, body };
  },
  "apps/list-repos-accessible-to-installation": (ctx) => {
    const identity = ctx.identity;
    if (identity.kind !== "installation") throw new SandboxError({ status: 403, message: "This endpoint requires an installation access token" });
    const repos = [...ctx.store.reposById.values()].filter(
      (r) =>
        ctx.store.installationsFor(r).includes(identity.installation) &&
        (identity.token.repositoryIds === null || identity.token.repositoryIds.includes(r.id)),
    );
    const page = ctx.paginate(repos.map(renderRepo));
    return {
      ...page,
      body: { total_count: repos.length, repository_selection: identity.installation.repositorySelection, repositories: page.body },
    };
  },
};
