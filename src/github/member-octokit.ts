import { FactoryOctokit } from "./factory-octokit.js";
import type { Octokit } from "./octokit.js";

/**
 * An Octokit acting as a member through their token, against the same GitHub
 * (github.com or Enterprise Server) as the app's own client. Some agents
 * ignore labels or mentions made by a bot, and assigning Copilot needs a user
 * token, so dispatch performs the trigger as the member whose quota it spends.
 */
export function memberOctokit(token: string, like: Octokit): Octokit {
  const baseUrl = (like.request.endpoint.DEFAULTS as { baseUrl?: string }).baseUrl;
  return new FactoryOctokit({ auth: { token }, ...(baseUrl ? { baseUrl } : {}), log: like.log }) as unknown as Octokit;
}
