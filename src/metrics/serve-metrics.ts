import type { ApplicationFunctionOptions, Logger } from "probot";
import { metricsHandler } from "./metrics-handler.js";
import type { Metrics } from "./metrics.js";

/**
 * Serves `/metrics` on the app's HTTP server through Probot's `addHandler`
 * (Probot 14 has no `getRouter`). `METRICS_TOKEN` in the environment, when
 * set, is required as a bearer token. Without a server — Probot loaded on
 * its own, as in serverless adapters and in-process tests — Probot's
 * `addHandler` throws; the app then runs without the endpoint.
 */
export function serveMetrics(params: {
  options: Partial<Pick<ApplicationFunctionOptions, "addHandler">> | undefined;
  metrics: Pick<Metrics, "registry">;
  env: NodeJS.ProcessEnv;
  log: Logger;
}): void {
  const token = params.env.METRICS_TOKEN?.trim();
  const handler = metricsHandler({ registry: params.metrics.registry, ...(token ? { token } : {}) });
  try {
    if (typeof params.options?.addHandler !== "function") throw new Error("No addHandler");
    params.options.addHandler(handler);
  } catch (error) {
    params.log.debug({ err: error }, "No HTTP server: /metrics is not served");
  }
}
