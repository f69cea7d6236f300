import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startRedis, type RedisServer } from "./redis-server.js";

/**
 * One Redis server for a whole test file: started before the first test,
 * stopped after the last, and emptied (FLUSHALL) before each test so no test
 * sees another's keys. `url` is set once `beforeAll` has run.
 */
export function useRedis(): { url: string } {
  const handle = { url: "" };
  let server: RedisServer | undefined;
  let admin: Redis | undefined;
  beforeAll(async () => {
    server = await startRedis();
    handle.url = server.url;
    admin = new Redis(server.url, { maxRetriesPerRequest: 1 });
  });
  beforeEach(async () => {
    await admin?.flushall();
  });
  afterAll(async () => {
    await admin?.quit();
    await server?.stop();
  });
  return handle;
}
