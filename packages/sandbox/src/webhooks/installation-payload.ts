import type { Account, App, Installation, Repo, StoreEvent } from "../store-types.js";
import { renderInstallation } from "../render/render-installation.js";
import { renderUser } from "../render/render-user.js";

/** Builds the `installation.created` webhook, sent to the new installation only. */
export function installationPayload(params: {
  app: App;
  installation: Installation;
  repos: Repo[];
  sender: Account;
}): StoreEvent {
  const { app, installation, repos, sender } = params;
  const payload: Record<string, unknown> = {
    action: "created",
    installation: renderInstallation({ installation, app }),
    repositories: repos.map((r) => ({
      id: r.id,
      node_id: r.nodeId,
      name: r.name,
      full_name: `${r.owner.login}/${r.name}`,
      private: r.private,
    })),
    requester: null,
    sender: renderUser(sender),
  };
  return { name: "installation", payload, repoId: null, accountId: installation.account.id, installationId: installation.id };
}
