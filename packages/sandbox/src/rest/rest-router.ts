import { randomBytes } from "node:crypto";
import type { Store } from "../store.js";
import type { SandboxAuth } from "../auth.js";
import { identityKey } from "../identity-key.js";
import type { RequestLog } from "../request-log.js";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher.js";
import { RateLimiter, SECONDARY_RATE_LIMIT_MESSAGE, type PrimaryStatus } from "../rate-limiter.js";
import { SandboxError } from "../sandbox-error.js";
import { executeGraphql } from "../graphql/execute-graphql.js";
import { loadOpenApiSpec } from "./openapi-spec.js";
import { RouteTable, type Route } from "./route-table.js";
import { RequestValidator } from "./request-validator.js";
import { ResponseValidator } from "./response-validator.js";
import { RestContext, type RestResult } from "./rest-context.js";
import { restHandlers } from "./rest-handlers.js";

/** A request as both transports hand it to the router. */
export interface SandboxRequest {
  method: string;
  url: URL;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string | undefined;
}

/** What the router answers. */
export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

interface SharedTables {
  routes: RouteTable;
  validator: RequestValidator;
  responses: ResponseValidator;
}

let shared: SharedTables | undefined;

/** The route table and validators are immutable: build them once per process. */
function sharedTables(): SharedTables {
  if (!shared) {
    const spec = loadOpenApiSpec();
    const routes = new RouteTable(spec);
    shared = { routes, validator: new RequestValidator(spec, routes), responses: new ResponseValidator(spec) };
  }
  return shared;
}

const DOCS = "https://docs.github.com/rest";

function errorBody(status: number, message: string, extra: Record<string, unknown> = {}, docs = DOCS): string {
  return JSON.stringify({ message, ...extra, documentation_url: docs, status: String(status) });
}



/**
 * Answers REST (and GraphQL) requests like api.github.com: route matching
 * against GitHub's OpenAPI description, authentication, rate limits,
 * schema validation, then the handler. Anything GitHub would not accept from
 * the caller — an unknown route, a malformed body, an unimplemented
 * endpoint — is also recorded as a violation for tests to assert on, and so
 * is a handler's JSON answer that GitHub's response schema would not allow.
 */
export class RestRouter {
  private readonly routes: RouteTable;
  private readonly validator: RequestValidator;
  private readonly responses: ResponseValidator;

  constructor(
    private readonly deps: {
      store: Store;
      auth: SandboxAuth;
      /** The webhook deliveries, for the app's delivery log endpoints. */
      webhooks: WebhookDispatcher;
      limiter: RateLimiter;
      log: RequestLog;
      /** Records a violation (the sandbox decides whether strict mode keeps it). */
      violation: (message: string) => void;
      /** Records a JSON answer GitHub's response schema would not allow; without it answers go unchecked. */
      responseViolation?: (message: string) => void;
    },
  ) {
    ({ routes: this.routes, validator: this.validator, responses: this.responses } = sharedTables());
  }

  /** Answers one request. */
  async handle(request: SandboxRequest): Promise<SandboxResponse> {
    // Whatever GitHub finished computing by now (mergeability) is what this request sees.
    this.deps.store.ops.pulls.settle();
    let path = request.url.pathname;
    let baseUrl = request.url.origin;
    if (path === "/api/graphql" || path === "/graphql") return this.graphql(request);
    if (path.startsWith("/api/v3")) {
      path = path.slice("/api/v3".length) || "/";
      baseUrl = `${request.url.origin}/api/v3`;
    }
    const method = request.method.toUpperCase();
    const match = this.routes.match(method, path);
    if (!match) {
      this.deps.violation(`${method} ${path}: GitHub has no such route`);
      return this.finish({ method, route: `${method} ${path}`, path, actor: null, headers: {}, status: 404, body: errorBody(404, "Not Found") });
    }
    const { route } = match;
    const key = `${method} ${route.template}`;
    const docs = (route.operation as { externalDocs?: { url?: string } }).externalDocs?.url ?? DOCS;
    const authResult = this.deps.auth.identify(request.headers.authorization);
    if (!authResult.ok) {
      return this.finish({ method, route: key, path, actor: null, headers: {}, status: 401, body: errorBody(401, authResult.message, {}, DOCS) });
    }
    const identity = authResult.identity;
    const actor = this.deps.auth.actorOf(identity)?.login ?? null;
    const who = identityKey(identity, request.headers["x-forwarded-for"] ?? "local");
    const rate =
      route.operationId === "rate-limit/get"
        ? this.deps.limiter.peek({ identity: who, resource: "core" })
        : this.deps.limiter.spend({ identity: who, resource: "core" });
    const headers = this.rateHeaders(rate);
    const done = (status: number, body: string | Buffer, extra: Record<string, string> = {}): SandboxResponse =>
      this.finish({ method, route: key, path, actor, headers: { ...headers, ...extra }, status, body });
    if (rate.exceeded) {
      const id = identity.kind === "installation" ? `installation ID ${identity.installation.id}` : `user ${actor ?? "anonymous"}`;
      return done(403, errorBody(403, `API rate limit exceeded for ${id}.`, {}, docs));
    }
    let body: unknown;
    const hasBody = request.body !== undefined && request.body.trim() !== "";
    if (hasBody) {
      try {
        body = JSON.parse(request.body as string);
      } catch {
        this.deps.violation(`${key}: body is not JSON`);
        return done(400, errorBody(400, "Problems parsing JSON", {}, docs));
      }
    }
    const params: Record<string, unknown> = { ...match.params, ...Object.fromEntries(request.url.searchParams) };
    const failure = this.validator.validate({ route, params, body, hasBody });
    if (failure) {
      this.deps.violation(`${key} (${route.operationId}): ${failure.message.replace(/\n+/g, " ")}`);
      return done(422, errorBody(422, failure.message, {}, docs));
    }
    const handler = restHandlers[route.operationId];
    if (!handler) {
      this.deps.violation(`${key}: the sandbox does not implement ${route.operationId}`);
      return done(501, errorBody(501, `Not implemented in the sandbox: ${route.operationId}`, {}, docs));
    }
    if (method !== "GET" && route.operationId !== "apps/create-installation-access-token") {
      const allowed = this.deps.limiter.create(who);
      if (!allowed.allowed) {
        return done(403, errorBody(403, SECONDARY_RATE_LIMIT_MESSAGE, {}, docs), { "retry-after": String(allowed.retryAfter) });
      }
    }
    const result = await this.run(handler, new RestContext({ store: this.deps.store, auth: this.deps.auth, webhooks: this.deps.webhooks, identity, route, params, body, headers: request.headers, baseUrl, path, rate }), route, docs);
    if (this.deps.responseViolation && !result.raw && result.body !== undefined) {
      const problem = this.responses.check({ route, status: result.status, body: result.body });
      if (problem) this.deps.responseViolation(problem);
    }
    return done(result.status, this.encode(result), { ...result.headers, ...(result.raw ? { "content-type": result.raw.contentType } : {}) });
  }

  private async run(handler: (ctx: RestContext) => RestResult | Promise<RestResult>, ctx: RestContext, route: Route, docs: string): Promise<RestResult> {
    try {
      return await handler(ctx);
    } catch (error) {
      if (error instanceof SandboxError) {
        return {
          status: error.status,
          body: JSON.parse(errorBody(error.status, error.message, error.errors ? { errors: error.errors } : {}, docs)),
          headers: error.headers,
        };
      }
      this.deps.violation(`${route.method} ${route.template}: sandbox handler crashed: ${(error as Error).message}`);
      return { status: 500, body: JSON.parse(errorBody(500, `Sandbox error in ${route.operationId}: ${(error as Error).message}`)) };
    }
  }

  private encode(result: RestResult): string | Buffer {
    if (result.body === undefined) return "";
    if (result.raw) return Buffer.isBuffer(result.body) ? result.body : String(result.body);
    return JSON.stringify(result.body);
  }

  private rateHeaders(rate: PrimaryStatus): Record<string, string> {
    return {
      "x-ratelimit-limit": String(rate.limit),
      "x-ratelimit-remaining": String(rate.remaining),
      "x-ratelimit-reset": String(rate.reset),
      "x-ratelimit-used": String(rate.used),
      "x-ratelimit-resource": rate.resource,
    };
  }

  private finish(params: {
    method: string;
    route: string;
    path: string;
    actor: string | null;
    headers: Record<string, string>;
    status: number;
    body: string | Buffer;
  }): SandboxResponse {
    this.deps.log.recordRest({ method: params.method, route: params.route, path: params.path, status: params.status, actor: params.actor, timestamp: this.deps.store.now() });
    return {
      status: params.status,
      headers: {
        "content-type": "application/json; charset=utf-8",
        "x-github-media-type": "github.v3; format=json",
        "x-github-api-version-selected": "2022-11-28",
        "x-github-request-id": randomBytes(8).toString("hex").toUpperCase(),
        ...params.headers,
      },
      body: params.body,
    };
  }

  private async graphql(request: SandboxRequest): Promise<SandboxResponse> {
    const authResult = this.deps.auth.identify(request.headers.authorization);
    const identity = authResult.ok ? authResult.identity : undefined;
    const actor = identity ? this.deps.auth.actorOf(identity) : undefined;
    const log = (status: number, operationName: string, cost: number): void =>
      this.deps.log.recordGraphql({ method: "POST", route: "POST /graphql", status, actor: actor?.login ?? null, timestamp: this.deps.store.now(), operationName, cost });
    const json = (status: number, body: unknown, extra: Record<string, string> = {}): SandboxResponse => ({
      status,
      headers: { "content-type": "application/json; charset=utf-8", ...extra },
      body: JSON.stringify(body),
    });
    if (!authResult.ok || !actor || identity?.kind === "app") {
      log(401, "anonymous", 0);
      return json(401, { message: authResult.ok ? "This endpoint requires you to be authenticated." : authResult.message, documentation_url: "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql" });
    }
    let parsed: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      parsed = JSON.parse(request.body ?? "") as typeof parsed;
    } catch {
      log(400, "anonymous", 0);
      return json(400, { message: "Problems parsing JSON", documentation_url: "https://docs.github.com/graphql" });
    }
    if (typeof parsed.query !== "string") {
      log(200, "anonymous", 0);
      return json(200, { errors: [{ message: "A query attribute must be specified and must be a string." }] });
    }
    const result = await executeGraphql({
      store: this.deps.store,
      query: parsed.query,
      variables: (parsed.variables as Record<string, unknown> | undefined) ?? undefined,
      operationName: typeof parsed.operationName === "string" ? parsed.operationName : undefined,
      viewer: { login: actor.login, type: actor.type === "Bot" ? "Bot" : "User" },
      ...(identity?.kind === "installation" ? { permissions: identity.installation.permissions } : {}),
    });
    log(200, result.operationName, result.cost);
    return json(200, result.body);
  }
}
