import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";

/** Inputs of {@link metricsHandler}. */
export interface MetricsHandlerParams {
  registry: Registry;
  /** Where the metrics are served; default `/metrics`. */
  path?: string;
  /**
   * When set, scrapes must send `Authorization: Bearer <token>`. The app's
   * server must be reachable by GitHub, so without a token the metrics
   * (agent names, member logins) are as public as the webhook URL.
   */
  token?: string;
}

/**
 * A handler for Probot's `addHandler`: answers `GET`/`HEAD` on the metrics
 * path with the registry in Prometheus text format and returns true; returns
 * false for every other path, so Probot's other handlers (webhooks, ping,
 * not found) see the request.
 */
export function metricsHandler(params: MetricsHandlerParams): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const path = params.path ?? "/metrics";
  const expected = params.token ? Buffer.from(`Bearer ${params.token}`) : undefined;
  return async (req, res) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname !== path) return false;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return true;
    }
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? "");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.writeHead(401, { "www-authenticate": 'Bearer realm="metrics"' }).end();
        return true;
      }
    }
    const body = await params.registry.metrics();
    res.writeHead(200, { "content-type": params.registry.contentType, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}
