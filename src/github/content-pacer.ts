import type { Clock } from "./clock.js";
import type { Octokit } from "./octokit.js";
import type { SharedState } from "../queue/shared-state.js";

/**
 * GitHub's secondary rate limits allow about 80 content-creating requests a
 * minute and 500 an hour
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
 * Factory stays a little under both, so a 200-finding audit is slow rather
 * than refused.
 */
export const PACING = { perMinute: 72, perHour: 480 } as const;

/**
 * Spaces an installation's writes so they never trip a secondary rate limit:
 * before each write it waits until fewer than `perMinute` writes happened in
 * the last minute and fewer than `perHour` in the last hour. One pacer is
 * shared by every job of an installation in this process; with a shared
 * `state` (Redis), every instance takes its slots from one window kept
 * there, so three instances write no faster than one.
 */
export class ContentPacer {
  private readonly stamps: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly params: { clock: Clock; perMinute?: number; perHour?: number; shared?: { state: SharedState; key: string } }) {}

  /** Writes recorded in the last hour. */
  get recent(): number {
    this.prune(this.params.clock.now().getTime());
    return this.stamps.length;
  }

  /** Waits for a free slot and takes it. Calls are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Makes every write through `octokit` (REST non-GET, GraphQL mutations) wait for a slot. */
  attach(octokit: Octokit): void {
    octokit.hook.before("request", async (options) => {
      if (isWrite(options as unknown as Record<string, unknown>)) await this.take();
    });
  }

  private async waitForSlot(): Promise<void> {
    const perMinute = this.params.perMinute ?? PACING.perMinute;
    const perHour = this.params.perHour ?? PACING.perHour;
    const shared = this.params.shared;
    if (shared) {
      const limits = [
        { count: perMinute, windowMs: 60_000 },
        { count: perHour, windowMs: 3_600_000 },
      ];
      for (;;) {
        const now = this.params.clock.now().getTime();
        const wait = await shared.state.takeSlot(shared.key, now, limits);
        if (wait === 0) {
          this.stamps.push(now);
          return;
        }
        await this.params.clock.sleep(wait);
      }
    }
    for (;;) {
      const now = this.params.clock.now().getTime();
      this.prune(now);
      const lastMinute = this.stamps.filter((t) => t > now - 60_000);
      let waitUntil = 0;
      if (lastMinute.length >= perMinute) waitUntil = (lastMinute[lastMinute.length - perMinute] as number) + 60_000;
      if (this.stamps.length >= perHour) waitUntil = Math.max(waitUntil, (this.stamps[this.stamps.length - perHour] as number) + 3_600_000);
      if (waitUntil <= now) {
        this.stamps.push(now);
        return;
      }
      await this.params.clock.sleep(waitUntil - now + 1);
    }
  }

  private prune(now: number): void {
    while (this.stamps.length > 0 && (this.stamps[0] as number) <= now - 3_600_000) this.stamps.shift();
  }
}

function isWrite(options: Record<string, unknown>): boolean {
  const method = String(options.method ?? "GET").toUpperCase();
  const url = String(options.url ?? "");
  if (url.endsWith("/graphql")) return typeof options.query === "string" && /^\s*mutation\b/.test(options.query);
  if (/\/app\/installations\/\d+\/access_tokens$/.test(url)) return false;
  return method !== "GET" && method !== "HEAD";
}
