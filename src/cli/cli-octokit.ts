import type { Logger } from "probot";
import { FactoryOctokit } from "../github/factory-octokit.js";
import type { Octokit } from "../github/octokit.js";
import { appIdentity } from "../github/app-identity.js";
import { parseAppId, readPrivateKey } from "../github/app-credentials.js";
import { identityFromSlug, type FactoryIdentity } from "../model/authorship.js";

/** How the command line reaches GitHub; tests inject the sandbox's `fetch` or turn throttling off. */
export interface CliNetwork {
  /** Octokit's `request.fetch` (default: Node's). */
  fetch?: typeof globalThis.fetch;
  /** Probot's throttling and retries as Factory configures them (default on, as against github.com). */
  throttle?: boolean;
}

/** Where the command line's GitHub client points and who it acts as. */
export interface CliOctokitParams {
  env: NodeJS.ProcessEnv;
  /** The account whose installation app credentials act through (the repository's owner or the organisation). */
  owner: string;
  log: Logger;
  network?: CliNetwork;
}

const DEFAULT_API_URL = "https://api.github.com";

/** The variables the commands that talk to GitHub read, for `--help`. */
export const ENVIRONMENT_HELP = [
  "Environment (status, budget, plan, sync):",
  "  GITHUB_TOKEN            a token to act with, or instead:",
  "  APP_ID, PRIVATE_KEY     the app's credentials (PRIVATE_KEY_PATH: a file holding the key);",
  "  GITHUB_INSTALLATION_ID  its installation (optional: else the one on the repository's owner)",
  "  GITHUB_API_URL          GitHub Enterprise Server's API (default https://api.github.com)",
  "  FACTORY_APP_SLUG        the app's slug, whose bot wrote Factory's epics (default: asked with the app's",
  "                          credentials, else factory)",
].join("\n");

/** What to set when nothing is: named in full, so the message is the fix. */
export const MISSING_CREDENTIALS =
  "no GitHub credentials: set GITHUB_TOKEN to a token, or APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) to the app's credentials " +
  "(GITHUB_INSTALLATION_ID optional); GITHUB_API_URL points at GitHub Enterprise Server (default https://api.github.com)";

/**
 * The Octokit every `factory` command uses: Factory's (Probot's, which carries
 * the config plugin `loadConfig` needs, with safe retries and bounded waits
 * for rate limits), authenticated from the environment — a token in
 * `GITHUB_TOKEN`, or the app's `APP_ID` and `PRIVATE_KEY` acting as its
 * installation on `owner` (`GITHUB_INSTALLATION_ID`, else looked up through
 * the app API) — against `GITHUB_API_URL`.
 */
export async function cliOctokit(params: CliOctokitParams): Promise<Octokit> {
  const { env } = params;
  const base = baseOptions(params);
  const token = env.GITHUB_TOKEN?.trim();
  if (token) return new FactoryOctokit({ ...base, auth: { token } }) as unknown as Octokit;
  const appId = env.APP_ID?.trim();
  if (appId) parseAppId(appId);
  const privateKey = readPrivateKey(env);
  if (!appId && !privateKey) throw new Error(MISSING_CREDENTIALS);
  if (!appId) throw new Error("PRIVATE_KEY is set but APP_ID is not: set APP_ID to the app's id, or GITHUB_TOKEN to a token instead");
  if (!privateKey) throw new Error("APP_ID is set but PRIVATE_KEY is not: set PRIVATE_KEY (or PRIVATE_KEY_PATH) to the app's private key, or GITHUB_TOKEN to a token instead");
  const installationId = env.GITHUB_INSTALLATION_ID?.trim()
    ? parseInstallationId(env.GITHUB_INSTALLATION_ID)
    : await findInstallation({ app: new FactoryOctokit({ ...base, auth: { appId, privateKey } }), owner: params.owner, appId });
  return new FactoryOctokit({ ...base, auth: { appId, privateKey, installationId } }) as unknown as Octokit;
}

/**
 * Whose words count as Factory's (SPEC §5): the app named by
 * `FACTORY_APP_SLUG`, else the app whose credentials are set (asked of
 * GitHub), else the app called `factory`. A token alone cannot tell.
 */
export async function cliIdentity(params: Omit<CliOctokitParams, "owner">): Promise<FactoryIdentity> {
  const { env } = params;
  const slug = env.FACTORY_APP_SLUG?.trim();
  if (slug) return identityFromSlug(slug);
  const appId = env.APP_ID?.trim();
  const privateKey = env.GITHUB_TOKEN?.trim() ? undefined : readPrivateKey(env);
  if (appId && privateKey && parseAppId(appId)) return appIdentity(async () => new FactoryOctokit({ ...baseOptions(params), auth: { appId, privateKey } }))();
  return identityFromSlug("factory");
}

/** Acts as a member with their own token, against the same GitHub and transport (dispatch triggers agents that ignore bots this way). */
export function cliUserOctokit(params: Omit<CliOctokitParams, "owner">): (token: string) => Octokit {
  const base = baseOptions(params);
  return (token) => new FactoryOctokit({ ...base, auth: { token } }) as unknown as Octokit;
}

function baseOptions(params: Omit<CliOctokitParams, "owner">) {
  const baseUrl = (params.env.GITHUB_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, "");
  const off = params.network?.throttle === false;
  return {
    baseUrl,
    log: params.log,
    ...(params.network?.fetch ? { request: { fetch: params.network.fetch } } : {}),
    ...(off ? { throttle: { enabled: false }, retry: { enabled: false } } : {}),
  };
}

function parseInstallationId(text: string): number {
  const id = Number(text.trim());
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`GITHUB_INSTALLATION_ID must be a number, not '${text.trim()}'`);
  return id;
}

/**
 * The app's installation on `owner`: the organisation's, else the user's.
 * https://docs.github.com/en/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app
 */
async function findInstallation(params: { app: InstanceType<typeof FactoryOctokit>; owner: string; appId: string }): Promise<number> {
  const { app, owner } = params;
  try {
    return (await app.rest.apps.getOrgInstallation({ org: owner })).data.id;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  try {
    return (await app.rest.apps.getUserInstallation({ username: owner })).data.id;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  throw new Error(`the app (APP_ID ${params.appId}) is not installed on ${owner}: install it there, or set GITHUB_INSTALLATION_ID`);
}
