import type { RestHandler } from "../rest-context.js";

/** `GET /rate_limit`, which GitHub does not count against the limit. */
export const rateLimitHandlers: Record<string, RestHandler> = {
  "rate-limit/get": (ctx) => {
    const { limit, remaining, reset, used } = ctx.init.rate;
    const core = { limit, remaining, reset, used };
    const fresh = { limit: 5000, remaining: 5000, reset, used: 0 };
    return {
      status: 200,
      body: {
        resources: { core, graphql: fresh, search: { limit: 30, remaining: 30, reset, used: 0 }, integration_manifest: fresh },
        rate: core,
      },
    };
  },
};
