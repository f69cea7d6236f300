import { GITHUB_URLS } from "../../render/github-urls.js";
import { iso } from "../../render/iso.js";
import type { AccountSource } from "../sources.js";
import type { TypeResolvers } from "../resolver-types.js";

/** Fields of the `Actor` interface, shared by users, bots and organisations. */
const actorFields: TypeResolvers<AccountSource> = {
  id: (source) => source.account.nodeId,
  databaseId: (source) => source.account.id,
  login: (source) => source.account.login,
  url: (source) => `${GITHUB_URLS.html}/${profilePath(source)}`,
  resourcePath: (source) => `/${profilePath(source)}`,
  avatarUrl: (source) => `${GITHUB_URLS.avatars}/u/${source.account.id}?v=4`,
  createdAt: (source) => iso(source.account.createdAt),
};

/** `User` (also what `viewer` returns when an app's bot account asks, as on GitHub). */
export const userResolvers: TypeResolvers<AccountSource> = {
  ...actorFields,
  name: (source) => source.account.name,
  // GitHub returns an empty string when the e-mail is private.
  email: (source) => source.account.email ?? "",
  isViewer: (source, _args, context) => source.account.id === context.viewer.id,
};

/**
 * `Bot`. GraphQL names an app's bot by its slug, without the `[bot]` that
 * REST puts after it (`dependabot`, not `dependabot[bot]`).
 */
export const botResolvers: TypeResolvers<AccountSource> = {
  ...actorFields,
  login: (source) => source.account.login.replace(/\[bot\]$/, ""),
  updatedAt: (source) => iso(source.account.createdAt),
};

/** `Organization`. */
export const organizationResolvers: TypeResolvers<AccountSource> = {
  ...actorFields,
  name: (source) => source.account.name,
};

/** Bots live under `/apps/<slug>`, everyone else under `/<login>`. */
function profilePath(source: AccountSource): string {
  const { account } = source;
  return account.type === "Bot" ? `apps/${account.login.replace(/\[bot\]$/, "")}` : account.login;
}
