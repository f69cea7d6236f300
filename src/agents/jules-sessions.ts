/**
 * The part of the Jules REST API (alpha) Factory uses: sessions.
 * https://jules.google/docs/api/reference/sessions
 * https://developers.google.com/jules/api/reference/rest/v1alpha/sessions
 * - `POST /v1alpha/sessions` with the prompt, `sourceContext.source`
 *   (`sources/github/{owner}/{repo}`), `githubRepoContext.startingBranch`
 *   and `automationMode: AUTO_CREATE_PR` starts a task that opens a pull
 *   request from the starting branch;
 * - `GET /v1alpha/sessions` lists the key owner's sessions, newest first, in
 *   pages (`pageSize`, `pageToken`, `nextPageToken`);
 * - `POST /v1alpha/sessions/{id}:sendMessage` with `{ prompt }` talks to a
 *   session;
 * - the key goes in the `X-Goog-Api-Key` header.
 */
export const JULES_API = "https://jules.googleapis.com/v1alpha";

/** Pages of sessions read when looking for one of Factory's (100 each, newest first). */
const PAGES = 3;

/** A session, as far as Factory reads it. */
export interface JulesSession {
  /** `sessions/{id}`. */
  name: string;
  title?: string;
  state?: string;
}

/** A refusal or failure of the Jules API, with the HTTP status when there was an answer. */
export class JulesApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "JulesApiError";
  }
}

/** Talks to the Jules API with one key; `keyName` (the variable's name, never the key) is said in errors. */
export function julesSessions(params: { apiKey: string; keyName: string; fetch: typeof globalThis.fetch }) {
  const call = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await params.fetch(`${JULES_API}${path}`, {
        method,
        headers: { "X-Goog-Api-Key": params.apiKey, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new JulesApiError(`the Jules API could not be reached (${error instanceof Error ? error.message : String(error)})`);
    }
    const text = await response.text();
    if (!response.ok) {
      const said = readMessage(text);
      const hint = response.status === 401 || response.status === 403 ? `; check the key in \`${params.keyName}\`` : "";
      throw new JulesApiError(`the Jules API answered ${response.status} to ${method} ${path.split("?")[0]}${said ? `: ${said}` : ""}${hint}`, response.status);
    }
    return (text === "" ? {} : JSON.parse(text)) as T;
  };
  return {
    /** The newest of the key owner's sessions whose title starts with `prefix`, looking through the latest {@link PAGES} pages. */
    async find(prefix: string): Promise<JulesSession | undefined> {
      let token: string | undefined;
      for (let page = 0; page < PAGES; page++) {
        const query = `?pageSize=100${token ? `&pageToken=${encodeURIComponent(token)}` : ""}`;
        const list = await call<{ sessions?: JulesSession[]; nextPageToken?: string }>("GET", `/sessions${query}`);
        const found = (list.sessions ?? []).find((session) => session.title?.startsWith(prefix));
        if (found || !list.nextPageToken) return found;
        token = list.nextPageToken;
      }
      return undefined;
    },
    /** Starts a session on `repo` (`owner/name`) from `startingBranch` that opens its pull request by itself. */
    async start(session: { repo: string; startingBranch: string; title: string; prompt: string }): Promise<JulesSession> {
      return call<JulesSession>("POST", "/sessions", {
        prompt: session.prompt,
        title: session.title,
        sourceContext: { source: `sources/github/${session.repo}`, githubRepoContext: { startingBranch: session.startingBranch } },
        automationMode: "AUTO_CREATE_PR",
      });
    },
    /** Sends `prompt` to a session (`sessions/{id}`). */
    async message(name: string, prompt: string): Promise<void> {
      await call<unknown>("POST", `/${name}:sendMessage`, { prompt });
    },
  };
}

/** The `error.message` of a Google API error body, cut short; undefined when there is none. */
function readMessage(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof message === "string" ? message.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
