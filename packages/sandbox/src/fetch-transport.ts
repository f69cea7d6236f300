import type { RequestHandler } from "./request-gate.js";

/** A `fetch`-compatible function. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** True for URLs the sandbox answers: api.github.com, or any host under a GHES-style `/api/…` prefix. */
function isGitHubApi(url: URL): boolean {
  return url.hostname === "api.github.com" || url.pathname.startsWith("/api/v3") || url.pathname === "/api/graphql";
}

/**
 * The in-process transport: a `fetch` to inject into Octokit
 * (`request: { fetch }`) that hands requests straight to the router — no
 * sockets. Any other URL is refused, so nothing can leak to the network.
 */
export function createFetchTransport(router: RequestHandler): FetchLike {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!isGitHubApi(url)) throw new TypeError(`sandbox fetch only answers GitHub API URLs, not ${url.href}`);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    const method = request.method.toUpperCase();
    const body = method === "GET" || method === "HEAD" ? undefined : await request.text();
    const response = await router.handle({ method, url, headers, body });
    const empty = response.status === 204 || response.status === 304 || method === "HEAD";
    const answer = new Response(empty ? null : response.body, { status: response.status, headers: response.headers });
    // A real fetch response knows its URL (Octokit's pagination reads it); a constructed one does not.
    Object.defineProperty(answer, "url", { value: url.href });
    return answer;
  };
}
