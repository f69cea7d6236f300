/** A fault to inject into matching REST (or GraphQL) requests. */
export interface FaultSpec {
  /** Only requests with this method (any when omitted). */
  method?: string;
  /** An OpenAPI template (`/repos/{owner}/{repo}/issues`), an operationId (`issues/create`), or `graphql`. Any when omitted. */
  route?: string;
  /** Status to answer with; omitted means "only add latency". 403 without a message is a secondary rate limit. */
  status?: 500 | 502 | 503 | 403 | 404;
  /** How many matching requests to affect (default: every one until cleared). */
  times?: number;
  /** Let this many matching requests through first (a crash "halfway"). Default 0. */
  after?: number;
  /** Delay before answering, in real milliseconds. */
  latencyMs?: number;
  /** Response message (defaults to GitHub's for the status). */
  message?: string;
  /** `retry-after` seconds for 403s (defaults to 60 for the secondary-rate-limit shape). */
  retryAfter?: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
  skip: number;
}

/** The faults the sandbox will inject, consumed in the order they were added. */
export class Faults {
  private active: ActiveFault[] = [];

  /** Adds a fault. */
  add(spec: FaultSpec): void {
    this.active.push({ ...spec, remaining: spec.times ?? Number.POSITIVE_INFINITY, skip: spec.after ?? 0 });
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
  take(params: { method: string; template: string; operationId: string }): FaultSpec | undefined {
    const matching = this.active.filter(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === params.method.toUpperCase()) &&
        (f.route === undefined || f.route === params.template || f.route === params.operationId),
    );
    let fault: ActiveFault | undefined;
    for (const candidate of matching) {
      if (candidate.skip > 0) {
        candidate.skip -= 1;
        continue;
      }
      fault = candidate;
      break;
    }
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.active = this.active.filter((f) => f !== fault);
    return fault;
  }
}
