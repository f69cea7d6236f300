import type { Store } from "../store.js";
import type { Account, Repo } from "../store-types.js";

const WRITERS = new Set(["admin", "maintain", "write"]);

/**
 * Whether `account` can push to `repo`: a person with write, maintain or
 * admin access, or an app's `[bot]` account whose installation covering the
 * repository has `contents: write`. GitHub counts only such reviewers toward
 * required approvals and drops auto-merge when anyone else pushes
 * (https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/incorporating-changes-from-a-pull-request/automatically-merging-a-pull-request).
 */
export function hasWriteAccess(params: { store: Store; repo: Repo; account: Account }): boolean {
  const { store, repo, account } = params;
  if (WRITERS.has(store.permission(repo, account.login))) return true;
  if (account.type !== "Bot") return false;
  const app = [...store.apps.values()].find((candidate) => candidate.bot.id === account.id);
  if (app === undefined) return false;
  return store
    .installationsFor(repo)
    .some((installation) => installation.appId === app.id && installation.permissions.contents === "write");
}
