import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emptyDir, expectOneLine, runEntry } from "./helpers/run-entry.js";

/**
 * `npm start` (src/main.ts) as a new user meets it: --help and --version
 * answer without starting anything, and a bad setting ends in one line,
 * `factory: <what is wrong>; <how to fix>`, and exit code 1 — never a trace.
 * No case here gets as far as starting the server.
 */
const KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }) as string;
const SECRET = "s3cr3t-0123456789abcdef";
const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
const FROM_SETTINGS = "the .pem file downloaded from the GitHub App's settings page";

const start = (env: Record<string, string>, options: { args?: string[]; cwd?: string } = {}) =>
  runEntry("src/main.ts", options.args ?? [], { env, ...(options.cwd ? { cwd: options.cwd } : {}) });

function fileWith(name: string, content: string | Buffer): { dir: string; path: string } {
  const dir = emptyDir();
  writeFileSync(join(dir, name), content);
  return { dir, path: join(dir, name) };
}

describe("starting the app", () => {
  it("prints its usage with every variable it reads on --help, and its version on --version, and exits 0 without starting", () => {
    const help = start({}, { args: ["--help"] });
    expect(help.status).toBe(0);
    expect(help.stderr).toBe("");
    expect(help.stdout).toMatch(/^Usage: npm start/);
    for (const name of ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "NODE_ENV", "PORT", "HOST", "LOG_LEVEL", "LOG_FORMAT", "REDIS_URL", "METRICS_TOKEN", "FACTORY_DASHBOARD_DELAY_MS", "GHE_HOST", "WEBHOOK_PROXY_URL", "GH_ORG"]) {
      expect(help.stdout).toContain(name);
    }
    expect(help.stdout).not.toContain("Listening");
    expect(start({}, { args: ["--version"] })).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: "" });
    expectOneLine(start({}, { args: ["--port", "3000"] }), "factory: unknown argument '--port'; the app takes only --help and --version, its settings come from the environment (see --help)");
  });

  it("refuses production without a real webhook secret in one line", () => {
    const production = { NODE_ENV: "production", APP_ID: "1", PRIVATE_KEY: KEY };
    const fix = "set WEBHOOK_SECRET to the secret configured on the GitHub App (at least 16 characters)";
    expectOneLine(start(production), `factory: Refusing to start: NODE_ENV=production needs a real WEBHOOK_SECRET, and it is not set; ${fix}`);
    expectOneLine(start({ ...production, WEBHOOK_SECRET: "abc" }), `factory: Refusing to start: NODE_ENV=production needs a real WEBHOOK_SECRET, but it is 3 characters long; ${fix}`);
    expectOneLine(
      start({ ...production, WEBHOOK_SECRET: "development" }),
      `factory: Refusing to start: NODE_ENV=production needs a real WEBHOOK_SECRET, but it is Probot's default 'development'; ${fix}`,
    );
  });

  it("refuses a missing or malformed APP_ID in one line", () => {
    expectOneLine(
      start({ NODE_ENV: "production", PRIVATE_KEY: KEY, WEBHOOK_SECRET: SECRET }),
      "factory: APP_ID is not set but a private key is; set APP_ID to the App ID shown on the GitHub App's settings page",
    );
    expectOneLine(
      start({ NODE_ENV: "production", WEBHOOK_SECRET: SECRET }),
      "factory: APP_ID is not set (NODE_ENV=production); set APP_ID to the App ID shown on the GitHub App's settings page",
    );
    expectOneLine(start({ APP_ID: "abc", PRIVATE_KEY: KEY }), "factory: APP_ID must be a positive integer, not 'abc'; set it to the App ID shown on the GitHub App's settings page");
    expectOneLine(start({ APP_ID: "0", PRIVATE_KEY: KEY }), "factory: APP_ID must be a positive integer, not '0'; set it to the App ID shown on the GitHub App's settings page");
  });

  it("refuses a private key it cannot use in one line naming the variable", () => {
    expectOneLine(
      start({ APP_ID: "1" }),
      "factory: APP_ID is set but no private key is; set PRIVATE_KEY to the contents of the app's .pem file, or PRIVATE_KEY_PATH to its path",
    );
    expectOneLine(
      start({ APP_ID: "1", PRIVATE_KEY: "garbage" }),
      `factory: PRIVATE_KEY is not a PEM private key (it should start with -----BEGIN RSA PRIVATE KEY-----); set PRIVATE_KEY to the contents of ${FROM_SETTINGS}`,
    );
    expectOneLine(
      start({ APP_ID: "1", PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----" }),
      `factory: PRIVATE_KEY looks like a PEM private key but cannot be decoded (cut short or altered?); set PRIVATE_KEY to the contents of ${FROM_SETTINGS}`,
    );
    const binary = fileWith("key.bin", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x01]));
    expectOneLine(
      start({ APP_ID: "1", PRIVATE_KEY_PATH: binary.path }),
      `factory: PRIVATE_KEY_PATH ${binary.path} is a binary file, not a PEM private key; point PRIVATE_KEY_PATH at ${FROM_SETTINGS}`,
    );
    const empty = fileWith("key.pem", "");
    expectOneLine(start({ APP_ID: "1", PRIVATE_KEY_PATH: empty.path }), `factory: PRIVATE_KEY_PATH ${empty.path} is empty; point PRIVATE_KEY_PATH at ${FROM_SETTINGS}`);
    expectOneLine(start({ APP_ID: "1", PRIVATE_KEY_PATH: "missing.pem" }), `factory: PRIVATE_KEY_PATH missing.pem names no file; point PRIVATE_KEY_PATH at ${FROM_SETTINGS}`);
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    expectOneLine(start({ APP_ID: "1", PRIVATE_KEY: ec }), `factory: PRIVATE_KEY is an EC key, but GitHub Apps sign with RSA; set PRIVATE_KEY to the contents of ${FROM_SETTINGS}`);
  });

  it("reads .env as Probot does, and refuses a bad PORT or LOG_LEVEL in one line", () => {
    const dotEnv = fileWith(".env", "APP_ID=abc\n");
    expectOneLine(start({ PRIVATE_KEY: KEY }, { cwd: dotEnv.dir }), "factory: APP_ID must be a positive integer, not 'abc'; set it to the App ID shown on the GitHub App's settings page");
    expectOneLine(
      start({ APP_ID: "1", PRIVATE_KEY: KEY, PORT: "web" }),
      "factory: PORT must be a port number (0 to 65535), not 'web'; set PORT to the port the webhook server should listen on",
    );
    expectOneLine(
      start({ APP_ID: "1", PRIVATE_KEY: KEY, LOG_LEVEL: "verbose" }),
      "factory: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, not 'verbose'; set LOG_LEVEL to one of them",
    );
  });
});
