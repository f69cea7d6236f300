import { AsyncLocalStorage } from "node:async_hooks";

/** One request the sandbox answered. */
export interface RequestLogEntry {
  method: string;
  /** `GET /repos/{owner}/{repo}/issues/{issue_number}` style, or `POST /graphql`; the raw path for unknown routes. */
  route: string;
  /** The path asked for (`/repos/acme/api/issues/7`), for REST requests. */
  path?: string;
  status: number;
  /** Login of the acting account (`factory[bot]`), or null when anonymous. */
  actor: string | null;
  timestamp: Date;
  /** GraphQL operation name, for GraphQL requests. */
  operationName?: string;
}

/**
 * Counts every request: REST calls by route, GraphQL queries by operation
 * name with their cost, and a log tests can inspect. This is how the
 * factory's request economy is measured.
 */
export class RequestLog {
  /** `"GET /repos/{owner}/{repo}/issues/{issue_number}"` → count. */
  readonly rest = new Map<string, number>();
  /** Operation name (or `anonymous`) → count and summed cost. */
  readonly graphql = new Map<string, { count: number; cost: number }>();
  /** Every request, oldest first. */
  readonly entries: RequestLogEntry[] = [];
  private readonly capturing = new AsyncLocalStorage<RequestLogEntry[]>();

  /**
   * Runs `handle` and hands back, with its result, the entries recorded in
   * its async context — the entry of the one request it answered, which
   * whoever answers differently from the router (a ghost write's 5xx, a
   * reshaped rate limit) corrects in place.
   */
  async capture<T>(handle: () => Promise<T>): Promise<{ result: T; entries: RequestLogEntry[] }> {
    const entries: RequestLogEntry[] = [];
    const result = await this.capturing.run(entries, handle);
    return { result, entries };
  }

  /** Records a REST request. */
  recordRest(entry: RequestLogEntry): void {
    this.rest.set(entry.route, (this.rest.get(entry.route) ?? 0) + 1);
    this.entries.push(entry);
    this.capturing.getStore()?.push(entry);
  }

  /** Records a GraphQL request and its cost. */
  recordGraphql(entry: RequestLogEntry & { operationName: string; cost: number }): void {
    const current = this.graphql.get(entry.operationName) ?? { count: 0, cost: 0 };
    this.graphql.set(entry.operationName, { count: current.count + 1, cost: current.cost + entry.cost });
    const { cost: _cost, ...rest } = entry;
    this.entries.push(rest);
    this.capturing.getStore()?.push(rest);
  }

  /** REST calls plus GraphQL queries. */
  total(): number {
    let sum = 0;
    for (const n of this.rest.values()) sum += n;
    for (const g of this.graphql.values()) sum += g.count;
    return sum;
  }

  /** Forgets everything counted so far. */
  reset(): void {
    this.rest.clear();
    this.graphql.clear();
    this.entries.length = 0;
  }
}
