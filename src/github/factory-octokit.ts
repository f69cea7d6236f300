import type { Octokit as CoreOctokit } from "@octokit/core";
import { ProbotOctokit } from "probot";
import { isRepeatableRequest } from "./is-repeatable-request.js";
import { pacingScale, scaledWriteLimiters } from "./pacing-scale.js";

/** Times a request refused by a secondary rate limit is sent again, each after the wait GitHub asks for. */
export const SECONDARY_LIMIT_RETRIES = 3;
/** Times a repeatable request answered 5xx is sent again, 1, 4 and 9 seconds later. */
export const REPEATABLE_RETRIES = 3;
/** Times a request refused by the primary (hourly) limit is sent again, after its reset. */
export const PRIMARY_LIMIT_RETRIES = 3;

/**
 * The retry plugin's default statuses it never retries, plus 429: a rate
 * limit is the throttling plugin's to wait out (for `retry-after`, or a
 * minute when GitHub sends none), not the retry plugin's to hammer 1, 4 and
 * 9 seconds later. Plus 409: a conflict with the current state — a ledger
 * write whose sha another writer replaced
 * (https://docs.github.com/en/rest/repos/contents#create-or-update-file-contents),
 * a merge whose head moved — is refused again however often the same request
 * is sent; the caller re-reads and decides.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

type LimitHandler = (retryAfter: number, request: { method: string; url: string }, octokit: CoreOctokit, retryCount: number) => boolean;

function limitHandler(limit: string, retries: number): LimitHandler {
  return (retryAfter, request, octokit, retryCount) => {
    const what = `${limit} on ${request.method} ${request.url}`;
    if (retryCount < retries) {
      octokit.log.warn(`GitHub's ${what}: retrying in ${retryAfter} s (retry ${retryCount + 1} of ${retries})`);
      return true;
    }
    octokit.log.warn(`GitHub's ${what}: giving up after ${retries} retries`);
    return false;
  };
}

/**
 * Leaves the retry plugin's blind retries to the requests that can be sent
 * twice harmlessly; a creation fails at once, for the executor to look for
 * what it made before it tries again.
 */
function retryOnlyRepeatableRequests(octokit: CoreOctokit): void {
  octokit.hook.before("request", (options) => {
    if (!isRepeatableRequest(options as unknown as { method?: string; url?: string; query?: unknown })) {
      options.request = { ...options.request, retries: 0 };
    }
  });
}

/**
 * Probot's Octokit as Factory runs it, against github.com as in tests:
 * - 5xx answers are retried by `@octokit/plugin-retry` only for reads and
 *   writes that can be repeated (PUT, PATCH, DELETE, adding labels …):
 *   GitHub can apply a write and still answer 5xx, and retrying a creation
 *   blindly posts it twice (https://github.com/probot/probot/issues/921);
 * - secondary rate limits — 403 or 429, with or without `retry-after`
 *   (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit)
 *   — are waited out by `@octokit/plugin-throttling` (`retry-after`, else
 *   its 60-second fallback) at most {@link SECONDARY_LIMIT_RETRIES} times,
 *   each logged. Probot's own options for `probot run` only log them and
 *   give up; the bare `ProbotOctokit` retries them forever.
 * `src/main.ts` starts the app with it; the CLI and member tokens use it too.
 */
// The demo's faster clock for writes (`FACTORY_PACING_SCALE`); GitHub's pacing everywhere else. Read when the first
// client is made, not on import, so a bad value is refused where a command's errors are reported, in one line.
let limiters: ReturnType<typeof scaledWriteLimiters>;
let limitersRead = false;
const writeLimiters = () => {
  if (!limitersRead) limiters = scaledWriteLimiters(pacingScale(process.env));
  limitersRead = true;
  return limiters;
};

export const FactoryOctokit = ProbotOctokit.plugin(retryOnlyRepeatableRequests).defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { doNotRetry: DO_NOT_RETRY, retries: REPEATABLE_RETRIES, ...(options.retry as object | undefined) },
  throttle: {
    ...writeLimiters(),
    ...(options.throttle as object | undefined),
    onSecondaryRateLimit: limitHandler("secondary rate limit", SECONDARY_LIMIT_RETRIES),
    onRateLimit: limitHandler("rate limit", PRIMARY_LIMIT_RETRIES),
  },
}));
