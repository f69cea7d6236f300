/** GitHub's message when a secondary rate limit trips. */
export const SECONDARY_RATE_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

/**
 * How GitHub answers a secondary rate limit. Its docs allow either status and
 * say `retry-after` may be missing, in which case a client waits until
 * `x-ratelimit-reset` (when `x-ratelimit-remaining` is 0) or at least a minute
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit,
 * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#rate-limit-errors).
 * GraphQL requests over a secondary limit get the same kind of answer — an
 * HTTP error with a REST-style `{ message, documentation_url }` body, not a
 * 200 with `errors` (Octokit reports them as an HttpError, e.g.
 * https://github.com/Azure/azure-rest-api-specs/issues/36378;
 * https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#secondary-rate-limits).
 */
export interface SecondaryRateLimitResponse {
  status: 403 | 429;
  /** Whether the answer carries `retry-after`. */
  retryAfter: boolean;
}

/** What the sandbox answers unless told otherwise: 403 with `retry-after`. */
export const DEFAULT_SECONDARY_RATE_LIMIT_RESPONSE: SecondaryRateLimitResponse = { status: 403, retryAfter: true };

/** The status, headers and JSON body of a secondary-rate-limit answer. */
export function secondaryRateLimitAnswer(params: {
  response: SecondaryRateLimitResponse;
  /** Seconds until the request would be accepted. */
  retryAfter: number;
  /** The documentation link GitHub puts in the body. */
  docs: string;
}): { status: number; headers: Record<string, string>; body: string } {
  const { status } = params.response;
  return {
    status,
    headers: params.response.retryAfter ? { "retry-after": String(params.retryAfter) } : {},
    body: JSON.stringify({ message: SECONDARY_RATE_LIMIT_MESSAGE, documentation_url: params.docs, status: String(status) }),
  };
}

/**
 * GitHub's limits, from its docs: 5,000 requests an hour per installation or
 * user (primary, GraphQL counted in points separately), and about 80
 * content-creating requests a minute and 500 an hour (secondary).
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
export const RATE_LIMITS = {
  primaryPerHour: 5_000,
  secondaryPerMinute: 80,
  secondaryPerHour: 500,
} as const;

interface Window {
  resetAt: number;
  used: number;
}

/** Primary-limit state to report in `x-ratelimit-*` headers. */
export interface PrimaryStatus {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds. */
  reset: number;
  resource: "core" | "graphql";
  exceeded: boolean;
}

/**
 * Counts requests per identity on the injected clock. The primary limit is a
 * fixed hourly window from the first request; the secondary limit is a
 * rolling window over content-creating requests.
 */
export class RateLimiter {
  private readonly primary = new Map<string, Window>();
  private readonly creations = new Map<string, number[]>();
  /** Whether secondary limits are enforced (off by default, as tests rarely want them). */
  secondaryEnabled: boolean;

  constructor(params: { now: () => Date; secondary?: boolean }) {
    this.now = params.now;
    this.secondaryEnabled = params.secondary ?? false;
  }

  private readonly now: () => Date;

  /** Spends `cost` from the identity's hourly budget for `resource`. */
  spend(params: { identity: string; resource: "core" | "graphql"; cost?: number }): PrimaryStatus {
    const now = this.now().getTime();
    const key = `${params.resource}:${params.identity}`;
    let window = this.primary.get(key);
    if (!window || window.resetAt <= now) {
      window = { resetAt: now + 60 * 60 * 1000, used: 0 };
      this.primary.set(key, window);
    }
    const limit = RATE_LIMITS.primaryPerHour;
    const exceeded = window.used >= limit;
    if (!exceeded) window.used += params.cost ?? 1;
    return {
      limit,
      remaining: Math.max(0, limit - window.used),
      used: window.used,
      reset: Math.ceil(window.resetAt / 1000),
      resource: params.resource,
      exceeded,
    };
  }

  /** Read-only view of an identity's primary budget. */
  peek(params: { identity: string; resource: "core" | "graphql" }): PrimaryStatus {
    const now = this.now().getTime();
    const window = this.primary.get(`${params.resource}:${params.identity}`);
    const used = window && window.resetAt > now ? window.used : 0;
    const resetAt = window && window.resetAt > now ? window.resetAt : now + 60 * 60 * 1000;
    const limit = RATE_LIMITS.primaryPerHour;
    return { limit, remaining: Math.max(0, limit - used), used, reset: Math.ceil(resetAt / 1000), resource: params.resource, exceeded: used >= limit };
  }

  /**
   * Records a content-creating request, or refuses it: returns the seconds
   * to wait (for `retry-after`) when the identity is over a secondary limit.
   * REST writes and GraphQL mutations of one identity share these windows:
   * GitHub's content-creation limits cover both APIs (and the web UI)
   * (https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#secondary-rate-limits).
   */
  create(identity: string): { allowed: true } | { allowed: false; retryAfter: number } {
    if (!this.secondaryEnabled) return { allowed: true };
    const now = this.now().getTime();
    const recent = (this.creations.get(identity) ?? []).filter((t) => t > now - 60 * 60 * 1000);
    const lastMinute = recent.filter((t) => t > now - 60 * 1000);
    if (lastMinute.length >= RATE_LIMITS.secondaryPerMinute) {
      const oldest = lastMinute[lastMinute.length - RATE_LIMITS.secondaryPerMinute] as number;
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((oldest + 60 * 1000 - now) / 1000)) };
    }
    if (recent.length >= RATE_LIMITS.secondaryPerHour) {
      const oldest = recent[recent.length - RATE_LIMITS.secondaryPerHour] as number;
      return { allowed: false, retryAfter: Math.max(1, Math.ceil((oldest + 60 * 60 * 1000 - now) / 1000)) };
    }
    recent.push(now);
    this.creations.set(identity, recent);
    return { allowed: true };
  }
}
