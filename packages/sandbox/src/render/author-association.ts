import type { Store } from "../store.js";
import type { Account, Repo } from "../store-types.js";

/**
 * GitHub's `author_association` of `account` with `repo`: OWNER for the owner,
 * MEMBER for organisation members, COLLABORATOR for explicit collaborators,
 * NONE otherwise.
 */
export function authorAssociation(params: { store: Store; repo: Repo; account: Account }): string {
  const { repo, account } = params;
  const login = account.login.toLowerCase();
  if (repo.owner.id === account.id) return "OWNER";
  if (repo.owner.type === "Organization" && repo.owner.members.has(login)) return "MEMBER";
  if (repo.collaborators.has(login)) return "COLLABORATOR";
  return "NONE";
}
