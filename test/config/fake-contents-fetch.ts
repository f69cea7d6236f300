/**
 * A stand-in for GitHub's contents API, injected as Octokit's `fetch`: serves
 * `GET /repos/{owner}/{repo}/contents/{path}` from an in-memory map keyed
 * `owner/repo/path`. Raw text when the Accept header asks for the raw media
 * type (as Probot's config plugin does), GitHub's JSON file object otherwise,
 * and GitHub's 404 body for a file that is not there. Any other request fails
 * the test loudly.
 */
export interface FakeContents {
  /** The injected fetch. */
  fetch: typeof fetch;
  /** Every request served, as `METHOD path`, for asserting what was read. */
  requests: string[];
}

/**
 * @param params.files file text by `owner/repo/path`
 * @param params.statuses a status to answer instead, by `owner/repo/path` (e.g. 500, 403)
 */
export function fakeContentsFetch(params: {
  files: Record<string, string>;
  statuses?: Record<string, number>;
}): FakeContents {
  const requests: string[] = [];
  const fetchContents = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? "GET").toUpperCase();
    requests.push(`${method} ${url.pathname}`);
    const match = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(url.pathname);
    if (method !== "GET" || !match) {
      throw new Error(`fakeContentsFetch: unexpected request ${method} ${url.href}`);
    }
    const [, owner = "", repo = "", encodedPath = ""] = match;
    const key = `${owner}/${repo}/${decodeURIComponent(encodedPath)}`;

    const status = params.statuses?.[key];
    if (status !== undefined) return json(status, { message: `Simulated ${status}`, status: String(status) });

    const text = params.files[key];
    if (text === undefined) {
      return json(404, {
        message: "Not Found",
        documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content",
        status: "404",
      });
    }
    const accept = new Headers(init?.headers).get("accept") ?? "";
    if (/\braw\b/.test(accept)) {
      return new Response(text, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    const path = decodeURIComponent(encodedPath);
    return json(200, {
      type: "file",
      encoding: "base64",
      size: Buffer.byteLength(text),
      name: path.split("/").pop(),
      path,
      content: Buffer.from(text).toString("base64"),
    });
  };
  return { fetch: fetchContents as typeof fetch, requests };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
