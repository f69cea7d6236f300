import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

/** A running app process of Factory (Probot's `run`, as in production). */
export interface AppProcess {
  /** Where GitHub (the sandbox) posts webhooks. */
  webhookUrl: string;
  /** Everything the process printed, for timelines and failure reports. */
  output: string[];
  /** The process id (to read its memory from /proc). */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Inputs of {@link startAppProcess}. */
export interface StartAppProcessParams {
  appId: number;
  privateKey: string;
  webhookSecret: string;
  /** The sandbox's loopback origin, e.g. `http://127.0.0.1:4321`. */
  githubUrl: string;
  logLevel?: string;
  env?: Record<string, string | undefined>;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Probot's CLI; its package does not export the path, so it is found on disk. */
export const PROBOT_BIN = resolve(root, "node_modules/probot/bin/probot.js");

/**
 * Starts Factory the way production does — `src/main.ts`, Probot's `run` with
 * Factory's Octokit, real app credentials, JWT auth and signed webhooks — but
 * pointed at the sandbox via Probot's GitHub Enterprise settings
 * (GHE_HOST/GHE_PROTOCOL). TypeScript is loaded through tsx so no build step
 * is needed.
 */
export async function startAppProcess(params: StartAppProcessParams): Promise<AppProcess> {
  const port = await freePort();
  const github = new URL(params.githubUrl);
  // Probot types LOG_LEVEL narrowly on NodeJS.ProcessEnv; this is plain strings.
  const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      APP_ID: String(params.appId),
      PRIVATE_KEY: params.privateKey,
      WEBHOOK_SECRET: params.webhookSecret,
      GHE_HOST: github.host,
      GHE_PROTOCOL: github.protocol.replace(":", ""),
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: params.logLevel ?? "info",
      LOG_FORMAT: "json",
    ...params.env,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "./src/main.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: env as NodeJS.ProcessEnv,
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  await waitUntilListening({ child, port, output });
  return {
    webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`,
    output,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitUntilListening(params: { child: ChildProcess; port: number; output: string[] }): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (params.child.exitCode !== null) {
      throw new Error(`The app process exited with code ${params.child.exitCode}:\n${params.output.join("\n")}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${params.port}/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  params.child.kill("SIGKILL");
  throw new Error(`The app process did not start listening within 30 s:\n${params.output.join("\n")}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}
