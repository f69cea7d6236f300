import type { Octokit } from "../github/octokit.js";
import type { Metrics } from "./metrics.js";

type Headers = Record<string, string | number | undefined>;

/**
 * Counts every request `octokit` makes (REST by method, GraphQL) and records
 * the primary rate limit GitHub reports in each response's headers, failed
 * responses included
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit).
 * It only observes: requests, responses and errors pass through unchanged.
 */
export function instrumentOctokit(octokit: Octokit, metrics: Pick<Metrics, "githubRequests" | "rateLimitRemaining">): void {
  const record = (options: { method?: string; url?: string }, headers: Headers | undefined) => {
    const kind = String(options.url ?? "").endsWith("/graphql") ? "graphql" : String(options.method ?? "GET").toUpperCase();
    metrics.githubRequests.inc({ kind });
    const remaining = Number(headers?.["x-ratelimit-remaining"]);
    if (headers?.["x-ratelimit-remaining"] !== undefined && Number.isFinite(remaining)) {
      metrics.rateLimitRemaining.set({ resource: String(headers["x-ratelimit-resource"] ?? "unknown") }, remaining);
    }
  };
  octokit.hook.after("request", (response, options) => {
    record(options, response.headers as Headers);
  });
  octokit.hook.error("request", (error, options) => {
    record(options, (error as { response?: { headers?: Headers } }).response?.headers);
    throw error;
  });
}
