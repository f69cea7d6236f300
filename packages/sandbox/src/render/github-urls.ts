/**
 * The URL roots rendered into REST objects and webhook payloads. They are
 * always github.com's, whichever transport served the request, because the
 * app must never build requests from URLs found in payloads.
 */
export const GITHUB_URLS = {
  api: "https://api.github.com",
  html: "https://github.com",
  avatars: "https://avatars.githubusercontent.com",
} as const;
