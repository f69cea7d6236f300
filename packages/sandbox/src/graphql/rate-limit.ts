import type { Store } from "../store.js";

/** GitHub's GraphQL points per hour for users and app installations. */
export const GRAPHQL_POINTS_PER_HOUR = 5000;

const WINDOW_MS = 60 * 60 * 1000;

/** The rate-limit figures `rateLimit { … }` reports, after the current query was charged. */
export interface RateLimitState {
  /** What the current query cost. */
  cost: number;
  /** The nodes the current query may return at most. */
  nodeCount: number;
  limit: number;
  used: number;
  remaining: number;
  resetAt: Date;
}

interface Window {
  used: number;
  resetAt: Date;
}

// Points are spent per account and per hour; the store has no place for them,
// so they are kept beside it, one ledger per store, forgotten with the store.
const ledgers = new WeakMap<Store, Map<string, Window>>();

/**
 * Spends `cost` points of `login`'s hourly GraphQL budget (the window opens at
 * the first query and lasts an hour, as GitHub's does).
 *
 * @returns the state after spending, or `undefined` when the budget cannot
 *   cover the query (nothing is spent then).
 */
export function chargeRateLimit(params: {
  store: Store;
  login: string;
  cost: number;
  nodeCount: number;
  now: Date;
}): RateLimitState | undefined {
  const { store, cost, nodeCount, now } = params;
  const login = params.login.toLowerCase();
  let ledger = ledgers.get(store);
  if (ledger === undefined) {
    ledger = new Map();
    ledgers.set(store, ledger);
  }
  let window = ledger.get(login);
  if (window === undefined || window.resetAt.getTime() <= now.getTime()) {
    window = { used: 0, resetAt: new Date(now.getTime() + WINDOW_MS) };
    ledger.set(login, window);
  }
  if (window.used + cost > GRAPHQL_POINTS_PER_HOUR) {
    return undefined;
  }
  window.used += cost;
  return {
    cost,
    nodeCount,
    limit: GRAPHQL_POINTS_PER_HOUR,
    used: window.used,
    remaining: GRAPHQL_POINTS_PER_HOUR - window.used,
    resetAt: window.resetAt,
  };
}
