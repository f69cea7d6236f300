import { createHash, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { SharedState } from "./shared-state.js";

/**
 * Where {@link RedisState} keeps its keys: either a `url` (the state opens
 * its own connection and closes it in `close()`), or an existing ioredis
 * `client` that the caller owns (`close()` leaves it open, so one connection
 * can serve several users).
 */
export type RedisStateParams = ({ url: string } | { client: Redis }) & {
  /** Put before every key, so Factory's keys can share a Redis with others. Default `factory:`. */
  prefix?: string;
};

/**
 * Adds `by` to a counter and sets its time to live, in one step, so a counter
 * never outlives its window because an instance died between the two.
 */
const ADD = `
local value
if ARGV[3] == "1" then
  value = redis.call("INCRBY", KEYS[1], ARGV[1])
else
  value = redis.call("INCRBYFLOAT", KEYS[1], ARGV[1])
end
redis.call("PEXPIRE", KEYS[1], ARGV[2])
return value
`;

/**
 * The sliding window of {@link SharedState.takeSlot} on a sorted set of
 * stamps (score = the time a slot was taken), in one script so that two
 * instances never both take the last slot. ARGV: now, a unique member for
 * the new stamp, then count and windowMs for each limit. Returns the wait in
 * milliseconds, 0 when the slot was taken. The wait is worked out exactly as
 * {@link MemoryState} does: for each full window, the count-th newest stamp
 * in it plus the window, minus now, plus one; the largest over the limits.
 */
const TAKE_SLOT = `
local function str(n) return string.format("%.17g", n) end
local now = tonumber(ARGV[1])
local member = ARGV[2]
local longest = 0
for i = 3, #ARGV, 2 do
  local windowMs = tonumber(ARGV[i + 1])
  if windowMs > longest then longest = windowMs end
end
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", str(now - longest))
local wait = 0
for i = 3, #ARGV, 2 do
  local count = tonumber(ARGV[i])
  local windowMs = tonumber(ARGV[i + 1])
  local from = "(" .. str(now - windowMs)
  if redis.call("ZCOUNT", KEYS[1], from, "+inf") >= count then
    local nth = redis.call("ZREVRANGEBYSCORE", KEYS[1], "+inf", from, "WITHSCORES", "LIMIT", count - 1, 1)
    local at = tonumber(nth[2])
    local until_ = at + windowMs - now + 1
    if until_ > wait then wait = until_ end
  end
end
if wait == 0 then
  if longest > 0 then
    redis.call("ZADD", KEYS[1], ARGV[1], member)
    redis.call("PEXPIRE", KEYS[1], math.ceil(longest))
  else
    redis.call("DEL", KEYS[1])
  end
end
return str(wait)
`;

/** A Lua script and its SHA1, to run it by hash and send the body only when Redis lacks it. */
interface Script {
  body: string;
  sha: string;
}

function script(body: string): Script {
  return { body, sha: createHash("sha1").update(body).digest("hex") };
}

const addScript = script(ADD);
const takeSlotScript = script(TAKE_SLOT);

/**
 * {@link SharedState} on Redis, so that every instance of Factory agrees on
 * locks, once-only marks, counters and rate windows. It behaves as
 * {@link MemoryState} does (the tests check both give the same answers), with
 * these Redis-level choices:
 *
 * - `claim` is `SET NX PX`, `release` is `DEL`, `set` is `SET` (with `PX`
 *   when a time to live is given; without one the key never expires, and a
 *   previous expiry is dropped, as in memory).
 * - `add` is `INCRBY` (`INCRBYFLOAT` for a fraction) and `PEXPIRE` in one
 *   Lua script.
 * - `takeSlot` is one Lua script over a sorted set of stamps: it prunes stamps
 *   older than the longest window, counts each window, and records `now`
 *   under a unique member when every limit has room; the key expires after
 *   the longest window, so idle windows leave nothing behind. Stamps are
 *   ordered by time, where memory orders them by arrival: the answers are
 *   the same as long as `now` does not go backwards between calls (clocks of
 *   instances that disagree by a few milliseconds only shift a wait by as
 *   much).
 * - Times to live are whole milliseconds, at least 1 (Redis refuses `PX 0`).
 */
export class RedisState implements SharedState {
  private readonly redis: Redis;
  private readonly owned: boolean;
  private readonly prefix: string;
  private closed = false;

  constructor(params: RedisStateParams) {
    this.prefix = params.prefix ?? "factory:";
    if ("client" in params) {
      this.redis = params.client;
      this.owned = false;
    } else {
      this.redis = new Redis(params.url);
      this.owned = true;
    }
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.key(key), "1", "PX", ms(ttlMs), "NX")) === "OK";
  }

  async release(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.redis.set(this.key(key), value);
    else await this.redis.set(this.key(key), value, "PX", ms(ttlMs));
  }

  async add(key: string, by: number, ttlMs: number): Promise<number> {
    const value = await this.run(addScript, [this.key(key)], [String(by), String(ms(ttlMs)), Number.isInteger(by) ? "1" : "0"]);
    return Number(value);
  }

  async takeSlot(key: string, now: number, limits: ReadonlyArray<{ count: number; windowMs: number }>): Promise<number> {
    const args = [String(now), `${now}:${randomUUID()}`];
    for (const { count, windowMs } of limits) args.push(String(count), String(windowMs));
    return Number(await this.run(takeSlotScript, [this.key(key)], args));
  }

  /** Quits the connection when this state opened it; a borrowed client is left open. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed || !this.owned) return;
    this.closed = true;
    await this.redis.quit();
  }

  private key(key: string): string {
    return `${this.prefix}${key}`;
  }

  /** Runs a script by its hash, sending the body once when Redis has not seen it (after a restart, say). */
  private async run(code: Script, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(code.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return this.redis.eval(code.body, keys.length, ...keys, ...args);
    }
  }
}

/** A time to live Redis accepts: whole milliseconds, at least 1. */
function ms(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}
