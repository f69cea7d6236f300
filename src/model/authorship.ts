import { parseMarkers, type Marker } from "./markers.js";

/**
 * Who Factory is on GitHub: its app's bot account. Only text this account
 * wrote carries Factory's state (SPEC §5): the same marker typed by anyone
 * else is plain text.
 */
export interface FactoryIdentity {
  /** The bot account's REST login, e.g. `factory[bot]` (GraphQL shows it without `[bot]`). */
  login: string;
  /** The app's id, as `performed_via_github_app.id` gives it on REST objects. */
  appId?: number;
}

/**
 * The author of an issue, comment or pull request, from whichever API read
 * it: REST gives `user.login` (`slug[bot]` for an app) and `user.type`;
 * GraphQL gives `author { __typename login }` with the bare slug.
 */
export interface Author {
  login: string;
  /** True for app bot accounts (REST `type: "Bot"`, GraphQL `__typename: "Bot"`). */
  bot: boolean;
  /** `performed_via_github_app.id`, when the API reported it. */
  viaAppId?: number | null;
}

/** Text with its author, as every reader of Factory's state sees it. */
export interface AuthoredText {
  body: string | null | undefined;
  author: Author | null | undefined;
}

/** The identity of the app whose slug is `slug` (bot login `slug[bot]`). */
export function identityFromSlug(slug: string, appId?: number): FactoryIdentity {
  return { login: `${bareLogin(slug)}[bot]`, ...(appId === undefined ? {} : { appId }) };
}

/**
 * Whether Factory's app account wrote it. A bot whose login is the app's
 * (with or without GitHub's `[bot]` suffix, compared without case), or —
 * when REST reports it — an object made through this very app. A *user*
 * named like the app's slug is not the app: only bot accounts carry a
 * `[bot]` login, and user logins cannot contain brackets.
 */
export function isFactoryAuthor(author: Author | null | undefined, identity: FactoryIdentity): boolean {
  if (!author) return false;
  if (author.bot && bareLogin(author.login) === bareLogin(identity.login)) return true;
  return author.bot && identity.appId !== undefined && author.viaAppId === identity.appId;
}

/** Whether `author` is the person `login` (member tokens write as their owner). */
export function isAuthor(author: Author | null | undefined, login: string): boolean {
  return author !== null && author !== undefined && !author.bot && author.login.toLowerCase() === login.toLowerCase();
}

/**
 * The markers of a text Factory wrote; none for anyone else's. Every reader
 * of Factory's state (epics, findings, dispatches, requests to agents,
 * escalations, replies, dashboards) goes through here.
 */
export function factoryMarkers(text: AuthoredText, identity: FactoryIdentity): Marker[] {
  return isFactoryAuthor(text.author, identity) ? parseMarkers(text.body) : [];
}

/** The first of Factory's own markers of `kind` with every field in `where`. */
export function findFactoryMarker(
  text: AuthoredText,
  identity: FactoryIdentity,
  kind: string,
  where: Record<string, string> = {},
): Marker | undefined {
  return factoryMarkers(text, identity).find(
    (marker) => marker.kind === kind && Object.entries(where).every(([key, value]) => marker.fields[key] === value),
  );
}

/** The author as REST reports it on issues, comments and pull requests. */
export function restAuthor(item: {
  user?: { login: string; type?: string } | null;
  performed_via_github_app?: { id: number } | null;
}): Author | null {
  if (!item.user) return null;
  return { login: item.user.login, bot: item.user.type === "Bot", viaAppId: item.performed_via_github_app?.id ?? null };
}

/** The author as GraphQL reports it (`author { __typename login }`). */
export function graphqlAuthor(author: { __typename?: string; login: string } | null | undefined): Author | null {
  if (!author) return null;
  return { login: author.login, bot: author.__typename === "Bot" };
}

/** A login as GitHub compares it: without case and without the `[bot]` suffix GraphQL leaves out. */
export function bareLogin(login: string): string {
  return login.replace(/\[bot\]$/i, "").toLowerCase();
}
