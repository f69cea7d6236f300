import type { Identity } from "./auth.js";

/**
 * The key GitHub's limits are counted under for a caller: its installation,
 * user or app — or, unauthenticated, where the request came from. The REST
 * router and the request gate share it, so REST writes and GraphQL mutations
 * fill one identity's windows.
 */
export function identityKey(identity: Identity, fallback: string): string {
  switch (identity.kind) {
    case "installation":
      return `installation:${identity.installation.id}`;
    case "user":
      return `user:${identity.account.login.toLowerCase()}`;
    case "app":
      return `app:${identity.app.id}`;
    default:
      return `anonymous:${fallback}`;
  }
}
