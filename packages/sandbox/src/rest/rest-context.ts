import type { Store } from "../store.js";
import type { Account, Permission, Repo } from "../store-types.js";
import type { Identity, SandboxAuth } from "../auth.js";
import type { Route } from "./route-table.js";
import type { PrimaryStatus } from "../rate-limiter.js";
import type { WebhookDispatcher } from "../webhooks/webhook-dispatcher.js";
import { SandboxError } from "../sandbox-error.js";

/** What a handler answers. */
export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send `body` as-is with this content type instead of JSON. */
  raw?: { contentType: string };
}

/** A REST handler for one operationId. */
export type RestHandler = (ctx: RestContext) => RestResult | Promise<RestResult>;

/** Access levels a handler can demand on a repository. */
export type AccessLevel = "read" | "triage" | "write" | "admin";

const RANK: Record<Permission, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };
const NEEDED: Record<AccessLevel, number> = { read: 1, triage: 2, write: 3, admin: 5 };

/**
 * Everything a handler needs about one request — validated parameters and
 * body, the caller's identity — plus the access checks and pagination
 * GitHub applies to every endpoint.
 */
export class RestContext {
  constructor(
    readonly init: {
      store: Store;
      auth: SandboxAuth;
      /** The deliveries sent so far (the app's webhook delivery log). */
      webhooks: WebhookDispatcher;
      identity: Identity;
      route: Route;
      /** Path and query parameters after validation and coercion. */
      params: Record<string, unknown>;
      body: unknown;
      headers: Record<string, string>;
      /** `https://api.github.com` or `http://127.0.0.1:PORT/api/v3`: where links must point. */
      baseUrl: string;
      /** The request path below `baseUrl`, without the query. */
      path: string;
      /** The caller's primary rate-limit state (for `GET /rate_limit`). */
      rate: PrimaryStatus;
    },
  ) {}

  get store(): Store {
    return this.init.store;
  }

  get identity(): Identity {
    return this.init.identity;
  }

  /** The JSON body as an object (validated against the schema by the router). */
  get body(): Record<string, unknown> {
    const body = this.init.body;
    return body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
  }

  /** A string parameter. */
  str(name: string): string {
    return String(this.init.params[name] ?? "");
  }

  /** An optional string parameter. */
  optStr(name: string): string | undefined {
    const value = this.init.params[name];
    return value === undefined ? undefined : String(value);
  }

  /** A numeric parameter. */
  int(name: string): number {
    return Number(this.init.params[name]);
  }

  /** The account writes are attributed to; anonymous callers get GitHub's 401. */
  get actor(): Account {
    const actor = this.init.auth.actorOf(this.init.identity);
    if (!actor || this.init.identity.kind === "app") {
      throw new SandboxError({ status: 401, message: "Requires authentication" });
    }
    return actor;
  }

  /**
   * The repository named by `{owner}/{repo}`, after GitHub's access rules: an
   * installation sees only its account's selected repositories, a user needs
   * `level` (private repositories they cannot read are a 404, like GitHub),
   * anonymous callers may read public ones only.
   */
  repo(level: AccessLevel = "read"): Repo {
    const repo = this.store.repo(this.str("owner"), this.str("repo"));
    if (!repo) throw new SandboxError({ status: 404, message: "Not Found" });
    this.authorize(repo, level);
    return repo;
  }

  /**
   * Whether the caller may read `repo` by the rules of {@link repo} — for
   * records that name another repository (a blocking issue elsewhere), which
   * GitHub treats as absent when the caller cannot see them.
   */
  canRead(repo: Repo): boolean {
    try {
      this.authorize(repo, "read");
      return true;
    } catch (error) {
      if (error instanceof SandboxError) return false;
      throw error;
    }
  }

  private authorize(repo: Repo, level: AccessLevel): void {
    const identity = this.identity;
    switch (identity.kind) {
      case "installation": {
        const visible =
          this.store.installationsFor(repo).some((i) => i.id === identity.installation.id) &&
          (identity.token.repositoryIds === null || identity.token.repositoryIds.includes(repo.id));
        if (!visible) throw new SandboxError({ status: 404, message: "Not Found" });
        return;
      }
      case "user": {
        const rank = RANK[this.store.permission(repo, identity.account.login)];
        if (rank === 0 && repo.private) throw new SandboxError({ status: 404, message: "Not Found" });
        if (rank < NEEDED[level] && level !== "read") {
          throw new SandboxError({ status: 403, message: "Must have push access to repository" });
        }
        return;
      }
      case "app":
        throw new SandboxError({ status: 401, message: "A JSON web token could not be used to access this resource" });
      default:
        if (repo.private) throw new SandboxError({ status: 404, message: "Not Found" });
        if (level !== "read") throw new SandboxError({ status: 401, message: "Requires authentication" });
    }
  }

  /** Demands an app JWT (the `/app…` endpoints). */
  requireApp(): Extract<Identity, { kind: "app" }> {
    const identity = this.identity;
    if (identity.kind !== "app") {
      throw new SandboxError({
        status: 401,
        message: "A JSON web token could not be decoded",
      });
    }
    return identity;
  }

  /**
   * `per_page`: 30 by default, and a value over 100 is cut to 100 without an
   * error, as GitHub does ("Using pagination in the REST API").
   */
  get perPage(): number {
    return Math.min(100, Math.max(1, Number(this.init.params.per_page ?? 30) || 30));
  }

  /**
   * One page of `items` per `per_page` (default 30, max 100) and `page`,
   * with GitHub's `link` header pointing at this same base URL.
   */
  paginate(items: unknown[]): RestResult {
    const perPage = this.perPage;
    const page = Math.max(1, Number(this.init.params.page ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const links: string[] = [];
    const url = (p: number): string => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(this.init.params)) {
        if (this.init.route.template.includes(`{${key}}`) || value === undefined) continue;
        query.set(key, Array.isArray(value) ? value.join(",") : String(value));
      }
      query.set("per_page", String(perPage));
      query.set("page", String(p));
      return `${this.init.baseUrl}${this.init.path}?${query.toString()}`;
    };
    if (page > 1) links.push(`<${url(page - 1)}>; rel="prev"`, `<${url(1)}>; rel="first"`);
    if (page < last) links.push(`<${url(page + 1)}>; rel="next"`, `<${url(last)}>; rel="last"`);
    return { status: 200, body: slice, headers: links.length > 0 ? { link: links.join(", ") } : {} };
  }
}
