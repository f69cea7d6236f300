import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "./free-port.js";

/** A `redis-server` this process started, and how to stop it. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  /** Kills the server and resolves once it has exited. */
  stop(): Promise<void>;
}

const missing = "redis-server is not installed: apt-get install -y redis-server";

/**
 * Starts a real `redis-server` on a free loopback port, with no persistence
 * (`--save "" --appendonly no`), and resolves once it answers PING. The Redis
 * queue and shared state are tested against the real server, not a fake, so
 * the Lua scripts and BullMQ's own scripts run as they will in production.
 * A port taken between {@link freePort} and the server's bind is retried on
 * another port.
 */
export async function startRedis(): Promise<RedisServer> {
  let lastError: Error | undefined;
  for (let tries = 0; tries < 3; tries++) {
    try {
      return await startOnce(await freePort());
    } catch (error) {
      if (error instanceof Error && error.message === missing) throw error;
      lastError = error instanceof Error ? error : new Error(String(error));
    }
  }
  throw lastError ?? new Error("redis-server did not start");
}

async function startOnce(port: number): Promise<RedisServer> {
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const failed = new Promise<never>((_, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "ENOENT" ? new Error(missing) : error));
    void exited.then(() => reject(new Error(`redis-server exited before it answered PING:\n${output}`)));
  });
  failed.catch(() => undefined);
  const url = `redis://127.0.0.1:${port}`;
  try {
    await Promise.race([waitForPing(url), failed]);
  } catch (error) {
    await kill(child, exited);
    throw error;
  }
  return { url, stop: () => kill(child, exited) };
}

/** PINGs until the server answers, for up to ten seconds. */
async function waitForPing(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on("error", () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === "PONG") return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
