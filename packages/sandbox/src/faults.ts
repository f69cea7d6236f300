import { seededRandom } from "./webhooks/seeded-random.js";
/** A fault to inject into matching REST (or GraphQL) requests. */
export interface FaultSpec {
  /** Only requests with this method (any when omitted). */
  method?: string;
  /** An OpenAPI template (`/repos/{owner}/{repo}/issues`), an operationId (`issues/create`), or `graphql`. Any when omitted. */
  route?: string;
  /**
   * GraphQL only: the operation's name (`FactoryResolve`), or `mutation` /
   * `query` for every operation of that type. A fault that names one never
   * matches a REST request.
   */
  operation?: string;
  /**
   * Status to answer with; omitted means "only add latency". A 403 or 429
   * without a message is GitHub's secondary rate limit, which it answers with
   * either status, with or without `retry-after`
   * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
   */
  status?: 500 | 502 | 503 | 504 | 403 | 404 | 429;
  /** How many matching requests to affect (default: every one until cleared). */
  times?: number;
  /** Let this many matching requests through first (a crash "halfway"). Default 0. */
  after?: number;
  /** Delay before answering, in real milliseconds. */
  latencyMs?: number;
  /** Response message (defaults to GitHub's for the status). */
  message?: string;
  /**
   * `retry-after` seconds. A secondary-rate-limit answer carries 60 by
   * default; `false` leaves the header out, as GitHub sometimes does (clients
   * then wait until `x-ratelimit-reset` or at least a minute). Other answers
   * carry it only when a number is given.
   */
  retryAfter?: number | false;
  /**
   * A "ghost write": the request is applied as if nothing were wrong, then
   * answered with `status` (a 5xx) instead of its result — GitHub did the
   * work, the client never heard, and a client that retries blindly does it
   * twice (https://github.com/probot/probot/issues/921: a comment answered
   * 500 was posted, and retried into four).
   */
  ghost?: boolean;
  /**
   * Something another actor does on GitHub just before the matching request
   * is served — a race between the app's read and its write (a check run
   * starting after the app saw green, a push after it saw the head).
   */
  meanwhile?: () => void;
  /**
   * Affects each matching request with this probability (0 to 1) instead of
   * every one: a flaky GitHub. Drawn from a seeded generator, so a run is
   * repeatable; `times` then counts the requests it did affect.
   */
  chance?: number;
  /** Seed of `chance`'s generator (default 1). */
  seed?: number;
}

/** What a fault is matched against. */
export interface FaultTarget {
  method: string;
  template: string;
  operationId: string;
  /** For GraphQL requests: the operation's name (or `anonymous`) and type. */
  operation?: { name: string; type: string };
}

interface ActiveFault extends FaultSpec {
  remaining: number;
  skip: number;
  roll?: () => number;
}

/** The faults the sandbox will inject, consumed in the order they were added. */
export class Faults {
  private active: ActiveFault[] = [];

  /** Adds a fault. */
  add(spec: FaultSpec): void {
    if (spec.ghost && (spec.status === undefined || spec.status < 500)) {
      throw new Error("sandbox: a ghost write is answered with a 5xx status; give the fault one");
    }
    if (spec.chance !== undefined && !(spec.chance >= 0 && spec.chance <= 1)) throw new Error("sandbox: a fault's chance is between 0 and 1");
    this.active.push({
      ...spec,
      remaining: spec.times ?? Number.POSITIVE_INFINITY,
      skip: spec.after ?? 0,
      ...(spec.chance === undefined ? {} : { roll: seededRandom(spec.seed ?? 1) }),
    });
  }

  /** Removes every fault. */
  clear(): void {
    this.active = [];
  }

  /** The number of faults still armed. */
  get size(): number {
    return this.active.length;
  }

  /** Takes the first fault matching a request (decrementing its count), if any. */
  take(params: FaultTarget): FaultSpec | undefined {
    const matching = this.active.filter(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === params.method.toUpperCase()) &&
        (f.route === undefined || f.route === params.template || f.route === params.operationId) &&
        (f.operation === undefined || f.operation === params.operation?.name || f.operation === params.operation?.type),
    );
    let fault: ActiveFault | undefined;
    for (const candidate of matching) {
      if (candidate.skip > 0) {
        candidate.skip -= 1;
        continue;
      }
      if (candidate.roll && candidate.roll() >= (candidate.chance ?? 1)) continue;
      fault = candidate;
      break;
    }
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.active = this.active.filter((f) => f !== fault);
    return fault;
  }
}
