import type { ConfigFileRef } from "./config-file-ref.js";

/**
 * Recovers the file from the contents-API URL that Probot's config plugin puts
 * in its error messages (the path segment is URL-encoded, `/` as `%2F`).
 * Returns undefined for any other URL.
 */
export function parseContentsUrl(url: string): ConfigFileRef | undefined {
  const match = /\/repos\/([^/]+)\/([^/]+)\/contents\/([^?#]+)/.exec(url);
  if (!match) return undefined;
  const [, owner = "", repo = "", path = ""] = match;
  try {
    return { owner: decodeURIComponent(owner), repo: decodeURIComponent(repo), path: decodeURIComponent(path) };
  } catch {
    return undefined;
  }
}
