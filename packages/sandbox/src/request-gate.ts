import { randomBytes } from "node:crypto";
import type { Identity, SandboxAuth } from "./auth.js";
import { identityKey } from "./identity-key.js";
import type { FaultSpec, Faults } from "./faults.js";
import { operationOf, type GraphqlOperation } from "./graphql/operation-of.js";
import {
  SECONDARY_RATE_LIMIT_MESSAGE,
  secondaryRateLimitAnswer,
  type RateLimiter,
  type SecondaryRateLimitResponse,
} from "./rate-limiter.js";
import type { RequestLog, RequestLogEntry } from "./request-log.js";
import { loadOpenApiSpec } from "./rest/openapi-spec.js";
import type { RestRouter, SandboxRequest, SandboxResponse } from "./rest/rest-router.js";
import { RouteTable } from "./rest/route-table.js";

/** What both transports hand requests to. */
export interface RequestHandler {
  handle(request: SandboxRequest): Promise<SandboxResponse>;
}

const REST_DOCS = "https://docs.github.com/rest";
const REST_LIMIT_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const GRAPHQL_LIMIT_DOCS = "https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#secondary-rate-limits";
const DEFAULT_MESSAGES: Record<number, string> = {
  403: "Forbidden",
  404: "Not Found",
  500: "Server Error",
  502: "Server Error",
  503: "Service Unavailable",
  504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
};

let routes: RouteTable | undefined;

/** The request as faults and limits see it. */
type Target =
  | { kind: "rest"; method: string; template: string; operationId: string; path: string }
  | { kind: "graphql"; operation: GraphqlOperation | undefined };


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * What stands between the transports and the router: the failures GitHub
 * shows as they really happen. It injects the armed faults — an error, a
 * secondary rate limit as 403 or 429 with or without `retry-after`, or a
 * ghost write (the request applied, then answered with a 5xx); it counts
 * GraphQL mutations against the same secondary limits as REST writes; and it
 * gives every secondary-rate-limit answer the configured form. Everything
 * else is the router's.
 */
export class RequestGate implements RequestHandler {
  constructor(
    private readonly deps: {
      router: RestRouter;
      auth: SandboxAuth;
      faults: Faults;
      limiter: RateLimiter;
      log: RequestLog;
      now: () => Date;
      /** How secondary rate limits are answered. */
      secondaryResponse: SecondaryRateLimitResponse;
    },
  ) {}

  /** Answers one request. */
  async handle(request: SandboxRequest): Promise<SandboxResponse> {
    const target = this.target(request);
    if (!target) return this.deps.router.handle(request);
    const fault = this.deps.faults.take(
      target.kind === "rest"
        ? { method: target.method, template: target.template, operationId: target.operationId }
        : { method: "POST", template: "/graphql", operationId: "graphql", operation: target.operation ?? { name: "anonymous", type: "query" } },
    );
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    fault?.meanwhile?.();
    const auth = this.deps.auth.identify(request.headers.authorization);
    // Refusing bad credentials is the router's business, whatever is armed.
    if (!auth.ok || (target.kind === "graphql" && (auth.identity.kind === "app" || auth.identity.kind === "anonymous"))) {
      return this.deps.router.handle(request);
    }
    const identity = auth.identity;
    if (fault?.status !== undefined && fault.ghost) return this.ghost(request, fault);
    if (fault?.status !== undefined) return this.answerFault({ request, target, identity, fault });
    if (target.kind === "graphql" && target.operation?.type === "mutation") {
      const allowed = this.deps.limiter.create(identityKey(identity, request.headers["x-forwarded-for"] ?? "local"));
      if (!allowed.allowed) {
        const answer = secondaryRateLimitAnswer({ response: this.deps.secondaryResponse, retryAfter: allowed.retryAfter, docs: GRAPHQL_LIMIT_DOCS });
        return this.answer({ request, target, identity, ...answer });
      }
    }
    const { result, entries } = await this.deps.log.capture(() => this.deps.router.handle(request));
    return this.reshapeSecondaryLimit(result, entries);
  }

  /** Where a request goes, or undefined for a path GitHub has no route for (the router reports it). */
  private target(request: SandboxRequest): Target | undefined {
    let path = request.url.pathname;
    if (path === "/api/graphql" || path === "/graphql") return { kind: "graphql", operation: operationOf(request.body) };
    if (path.startsWith("/api/v3")) path = path.slice("/api/v3".length) || "/";
    routes ??= new RouteTable(loadOpenApiSpec());
    const method = request.method.toUpperCase();
    const match = routes.match(method, path);
    return match ? { kind: "rest", method, template: match.route.template, operationId: match.route.operationId, path } : undefined;
  }

  /** GitHub applied the write and the client heard only a 5xx. */
  private async ghost(request: SandboxRequest, fault: FaultSpec): Promise<SandboxResponse> {
    const status = fault.status as number;
    const { result, entries } = await this.deps.log.capture(() => this.deps.router.handle(request));
    for (const entry of entries) entry.status = status;
    const { "retry-after": _retryAfter, ...headers } = result.headers;
    return {
      status,
      headers: { ...headers, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ message: fault.message ?? DEFAULT_MESSAGES[status] ?? "Server Error", documentation_url: REST_DOCS, status: String(status) }),
    };
  }

  private answerFault(params: { request: SandboxRequest; target: Target; identity: Identity; fault: FaultSpec }): SandboxResponse {
    const { fault, target } = params;
    const status = fault.status as number;
    if ((status === 403 || status === 429) && fault.message === undefined) {
      const retryAfter = fault.retryAfter === false ? undefined : (fault.retryAfter ?? 60);
      const answer = secondaryRateLimitAnswer({
        response: { status, retryAfter: retryAfter !== undefined },
        retryAfter: retryAfter ?? 0,
        docs: target.kind === "graphql" ? GRAPHQL_LIMIT_DOCS : REST_LIMIT_DOCS,
      });
      return this.answer({ ...params, ...answer });
    }
    return this.answer({
      ...params,
      status,
      headers: typeof fault.retryAfter === "number" ? { "retry-after": String(fault.retryAfter) } : {},
      body: JSON.stringify({ message: fault.message ?? DEFAULT_MESSAGES[status] ?? "Error", documentation_url: REST_DOCS, status: String(status) }),
    });
  }

  /** Answers without the router, logging and charging the request as the router would. */
  private answer(params: {
    request: SandboxRequest;
    target: Target;
    identity: Identity;
    status: number;
    headers: Record<string, string>;
    body: string;
  }): SandboxResponse {
    const { request, target, identity, status } = params;
    const actor = this.deps.auth.actorOf(identity)?.login ?? null;
    const timestamp = this.deps.now();
    if (target.kind === "graphql") {
      this.deps.log.recordGraphql({ method: "POST", route: "POST /graphql", status, actor, timestamp, operationName: target.operation?.name ?? "anonymous", cost: 0 });
      return { status, headers: { "content-type": "application/json; charset=utf-8", ...params.headers }, body: params.body };
    }
    const rate = this.deps.limiter.spend({ identity: identityKey(identity, request.headers["x-forwarded-for"] ?? "local"), resource: "core" });
    this.deps.log.recordRest({ method: target.method, route: `${target.method} ${target.template}`, path: target.path, status, actor, timestamp });
    return {
      status,
      headers: {
        "content-type": "application/json; charset=utf-8",
        "x-github-media-type": "github.v3; format=json",
        "x-github-api-version-selected": "2022-11-28",
        "x-github-request-id": randomBytes(8).toString("hex").toUpperCase(),
        "x-ratelimit-limit": String(rate.limit),
        "x-ratelimit-remaining": String(rate.remaining),
        "x-ratelimit-reset": String(rate.reset),
        "x-ratelimit-used": String(rate.used),
        "x-ratelimit-resource": rate.resource,
        ...params.headers,
      },
      body: params.body,
    };
  }

  /** Gives the router's secondary-rate-limit answer (403 with `retry-after`) the configured form. */
  private reshapeSecondaryLimit(response: SandboxResponse, entries: RequestLogEntry[]): SandboxResponse {
    const shape = this.deps.secondaryResponse;
    if (response.status !== 403 || response.headers["retry-after"] === undefined || !isSecondaryLimitBody(response.body)) return response;
    if (shape.status === 403 && shape.retryAfter) return response;
    for (const entry of entries) entry.status = shape.status;
    const { "retry-after": retryAfter, ...headers } = response.headers;
    const body = JSON.parse(String(response.body)) as Record<string, unknown>;
    return {
      status: shape.status,
      headers: shape.retryAfter ? { ...headers, "retry-after": retryAfter as string } : headers,
      body: JSON.stringify({ ...body, status: String(shape.status) }),
    };
  }
}

function isSecondaryLimitBody(body: string | Buffer): boolean {
  try {
    return (JSON.parse(String(body)) as { message?: unknown }).message === SECONDARY_RATE_LIMIT_MESSAGE;
  } catch {
    return false;
  }
}
