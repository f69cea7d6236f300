import type { AgentActor } from "../agent-actor.js";
import type { Repo } from "../store-types.js";
import type { Store } from "../store.js";
import { issueReferenceIn } from "./issue-reference.js";
import { JulesError, julesErrorResponse } from "./jules-error.js";
import type { JulesSession } from "./jules-session.js";
import { JulesSessionRecord } from "./jules-session-record.js";

/** Where the Jules REST API lives; the stand-in serves nothing else. */
export const JULES_API_ORIGIN = "https://jules.googleapis.com";

/** One request the stand-in answered. */
export interface JulesApiRequest {
  method: string;
  /** Path and query, e.g. `/v1alpha/sessions?pageSize=10`. */
  path: string;
  status: number;
}

/** A session as tests read it: the API's view plus who owns it and the agent's task. */
export type JulesSessionSnapshot = JulesSession & {
  owner: string;
  /** The issue the prompt names, or null. */
  issue: number | null;
  task: JulesSessionRecord["task"];
};

const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 100;

/**
 * A loopback stand-in for the Jules REST API (alpha, `https://jules.googleapis.com/v1alpha`),
 * reached through {@link JulesApi.fetch}
 * (https://developers.google.com/jules/api/reference/rest/v1alpha/sessions,
 * https://jules.google/docs/api/reference/sessions). Sessions hand tasks to
 * the sandbox's agent named `jules`, which works them as it works issues:
 * from the session's starting branch, as its GitHub account, counting toward
 * its `concurrency` (sessions over it stay `QUEUED` until a slot frees).
 */
export class JulesApi {
  /** Every request answered, oldest first. */
  readonly requests: JulesApiRequest[] = [];
  private readonly keys = new Map<string, string>();
  private readonly records: JulesSessionRecord[] = [];
  private nextId = 1;

  constructor(
    private readonly params: {
      store: Store;
      /** The sandbox's agent named `jules`, if one was added. */
      agent: () => AgentActor | undefined;
    },
  ) {}

  /**
   * Serves the API from memory with `fetch`'s signature. Any other origin is
   * rejected with a `TypeError`, as `fetch` rejects a network failure, so
   * nothing leaves the sandbox.
   */
  readonly fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== JULES_API_ORIGIN) {
      throw new TypeError("fetch failed", { cause: new Error(`sandbox: the Jules API stand-in serves ${JULES_API_ORIGIN} only, not ${url.origin}`) });
    }
    const response = await this.answer(request, url);
    this.requests.push({ method: request.method, path: `${url.pathname}${url.search}`, status: response.status });
    return response;
  };

  /** Registers an API key belonging to the Jules user signed in as GitHub `owner`. */
  addKey(key: string, owner: string): void {
    if (key.trim() === "") throw new Error("sandbox jules api: a key must not be empty");
    this.keys.set(key, owner);
  }

  /** Every session, oldest first. */
  get sessions(): readonly JulesSessionSnapshot[] {
    return this.records.map((record) => ({ ...record.render(), owner: record.input.owner, issue: record.input.issue, task: record.task }));
  }

  private async answer(request: Request, url: URL): Promise<Response> {
    try {
      const owner = this.authenticate(request);
      return Response.json(await this.route(request, url, owner));
    } catch (error) {
      if (error instanceof JulesError) return julesErrorResponse(error);
      throw error;
    }
  }

  /** The key's owner; `X-Goog-Api-Key` as the Jules docs say (https://jules.google/docs/api/reference/). */
  private authenticate(request: Request): string {
    const key = request.headers.get("x-goog-api-key");
    const owner = key === null ? undefined : this.keys.get(key);
    if (owner !== undefined) return owner;
    throw new JulesError(
      "UNAUTHENTICATED",
      key === null ? "Request is missing required authentication credential. Expected an API key in the X-Goog-Api-Key header." : "API key not valid. Please pass a valid API key.",
    );
  }

  private async route(request: Request, url: URL, owner: string): Promise<unknown> {
    const path = url.pathname.replace(/\/+$/, "");
    const method = request.method.toUpperCase();
    if (method === "GET" && path === "/v1alpha/sources") return { sources: this.sources().map(renderSource) };
    const source = /^\/v1alpha\/sources\/github\/([^/]+)\/([^/]+)$/.exec(path);
    if (method === "GET" && source) {
      const repo = this.sources().find((r) => sameRepo(r, source[1] as string, source[2] as string));
      if (!repo) throw notFound();
      return renderSource(repo);
    }
    if (path === "/v1alpha/sessions") {
      if (method === "POST") return this.createSession(await bodyOf(request), owner);
      if (method === "GET") return this.listSessions(url, owner);
    }
    const session = /^\/v1alpha\/sessions\/([^/:]+)(:sendMessage|\/activities)?$/.exec(path);
    if (session) {
      const record = this.records.find((r) => r.id === session[1] && r.input.owner === owner);
      const action = session[2];
      if (method === "GET" && action === undefined) return (record ?? throwNotFound()).render();
      if (method === "POST" && action === ":sendMessage") return this.sendMessage(record ?? throwNotFound(), await bodyOf(request));
      if (method === "GET" && action === "/activities") return page(url, (record ?? throwNotFound()).activities(), "activities");
    }
    throw notFound();
  }

  /** The repositories Jules is connected to: those the `jules` agent watches (every one without an agent). */
  private sources(): Repo[] {
    const agent = this.params.agent();
    const repos = [...this.params.store.reposById.values()];
    const watched = agent?.settings.repos;
    return watched ? repos.filter((repo) => watched.includes(`${repo.owner.login}/${repo.name}`.toLowerCase())) : repos;
  }

  private createSession(body: Record<string, unknown>, owner: string): JulesSession {
    const prompt = body.prompt;
    if (typeof prompt !== "string" || prompt.trim() === "") throw invalid("prompt is required.");
    const agent = this.params.agent();
    if (!agent) throw new JulesError("FAILED_PRECONDITION", "Jules is not connected: the sandbox has no agent named jules.");
    const context = record(body.sourceContext);
    const source = context?.source;
    const match = typeof source === "string" ? /^sources\/github\/([^/]+)\/([^/]+)$/.exec(source) : null;
    const repo = match ? this.sources().find((r) => sameRepo(r, match[1] as string, match[2] as string)) : undefined;
    if (!repo) throw invalid(`sourceContext.source ${JSON.stringify(source ?? null)} is not a source connected to Jules.`);
    const startingBranch = record(context?.githubRepoContext)?.startingBranch ?? repo.defaultBranch;
    if (typeof startingBranch !== "string" || !repo.refs.has(`refs/heads/${startingBranch}`)) {
      throw invalid(`startingBranch ${JSON.stringify(startingBranch)} does not exist in ${repo.owner.login}/${repo.name}.`);
    }
    const mode = body.automationMode ?? "AUTOMATION_MODE_UNSPECIFIED";
    if (mode !== "AUTO_CREATE_PR" && mode !== "AUTOMATION_MODE_UNSPECIFIED") throw invalid(`Invalid value for automationMode: ${JSON.stringify(mode)}.`);
    // Plan approval (AWAITING_PLAN_APPROVAL, approvePlan) is not modelled.
    if (body.requirePlanApproval === true) throw new JulesError("UNIMPLEMENTED", "sandbox: requirePlanApproval is not modelled.");
    if (body.title !== undefined && typeof body.title !== "string") throw invalid("title must be a string.");
    const issue = issueReferenceIn(prompt, repo);
    const id = String(this.nextId++);
    const title = (body.title as string | undefined) ?? (issue === null ? firstLine(prompt) : (repo.issues.get(issue)?.title ?? firstLine(prompt)));
    const session = new JulesSessionRecord(
      { id, owner, prompt, title, repo, startingBranch, autoCreatePr: mode === "AUTO_CREATE_PR", issue, agent, createTime: this.params.store.now() },
      this.params.store,
    );
    this.records.push(session);
    const rendered = session.render("QUEUED");
    agent.takeSession({
      repo,
      issue,
      triggeredBy: owner,
      startingBranch,
      openPullRequest: mode === "AUTO_CREATE_PR",
      title,
      key: id,
      started: (task) => (session.task = task),
    });
    return rendered;
  }

  /** The key owner's sessions, newest first, in pages. */
  private listSessions(url: URL, owner: string): Record<string, unknown> {
    const mine = this.records.filter((r) => r.input.owner === owner).reverse();
    return page(url, mine, "sessions", (r) => r.render());
  }

  /** A message to the agent: a fix request when the session's pull request is open, else only an activity. */
  private sendMessage(session: JulesSessionRecord, body: Record<string, unknown>): Record<string, never> {
    const prompt = body.prompt;
    if (typeof prompt !== "string" || prompt.trim() === "") throw invalid("prompt is required.");
    session.addUserMessage(prompt);
    if (session.task) session.input.agent.messageSession(session.task, { from: session.input.owner, body: prompt });
    return {};
  }
}

/** A page of `items` per `pageSize` and `pageToken` (an offset the stand-in hands out). */
function page<T, R = T>(url: URL, items: T[], key: string, render: (item: T) => R = (item) => item as unknown as R): Record<string, unknown> {
  const sizeParam = url.searchParams.get("pageSize");
  const size = sizeParam === null || sizeParam === "" ? DEFAULT_PAGE_SIZE : Number(sizeParam);
  if (!Number.isInteger(size) || size < 0) throw invalid(`Invalid pageSize: ${sizeParam}.`);
  const token = url.searchParams.get("pageToken");
  const offset = token === null || token === "" ? 0 : Number(Buffer.from(token, "base64url").toString("utf8"));
  if (!Number.isInteger(offset) || offset < 0) throw invalid("Invalid pageToken.");
  const end = offset + Math.min(size === 0 ? DEFAULT_PAGE_SIZE : size, MAX_PAGE_SIZE);
  const result: Record<string, unknown> = { [key]: items.slice(offset, end).map(render) };
  if (end < items.length) result.nextPageToken = Buffer.from(String(end), "utf8").toString("base64url");
  return result;
}

function renderSource(repo: Repo): Record<string, unknown> {
  const id = `github/${repo.owner.login}/${repo.name}`;
  return { name: `sources/${id}`, id, githubRepo: { owner: repo.owner.login, repo: repo.name } };
}

function sameRepo(repo: Repo, owner: string, name: string): boolean {
  return repo.owner.login.toLowerCase() === decodeURIComponent(owner).toLowerCase() && repo.name.toLowerCase() === decodeURIComponent(name).toLowerCase();
}

async function bodyOf(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid("Invalid JSON payload received.");
  }
  const body = record(parsed);
  if (!body) throw invalid("Invalid JSON payload received: expected an object.");
  return body;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function firstLine(text: string): string {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function invalid(message: string): JulesError {
  return new JulesError("INVALID_ARGUMENT", message);
}

function notFound(): JulesError {
  return new JulesError("NOT_FOUND", "Requested entity was not found.");
}

function throwNotFound(): never {
  throw notFound();
}
