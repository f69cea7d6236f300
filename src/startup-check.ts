import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { assertSafeEnvironment } from "./assert-safe-environment.js";
import { parseAppId, readPrivateKey } from "./github/app-credentials.js";

/** Pino's levels, the only values Probot's LOG_LEVEL takes. */
const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];

/** What `factory` (the app) reads, for `--help`. */
export const APP_USAGE = `Usage: npm start (node lib/main.js) [--help] [--version]

Runs Factory, the GitHub App: a webhook server (Probot) and its background jobs.
It takes its settings from the environment, and from a .env file in the
working directory:

  APP_ID                      the GitHub App's id (a positive integer)
  PRIVATE_KEY                 the app's private key (the .pem file's contents), or
  PRIVATE_KEY_PATH            the path of that .pem file
  WEBHOOK_SECRET              the app's webhook secret (required with NODE_ENV=production:
                              at least 16 characters)
  NODE_ENV                    production: refuse to start without the above
  PORT, HOST                  where the webhook server listens (default 3000, localhost)
  WEBHOOK_PATH                the webhook route (default /api/github/webhooks)
  WEBHOOK_PROXY_URL           a smee.io channel to receive webhooks through (development)
  LOG_LEVEL                   trace, debug, info (default), warn, error or fatal
  LOG_FORMAT                  json or pretty (default: json in production)
  GHE_HOST, GHE_PROTOCOL      GitHub Enterprise Server only
  REDIS_URL                   optional: jobs and shared state in Redis (several instances)
  METRICS_TOKEN               when set, /metrics requires "Authorization: Bearer <token>"
  FACTORY_DASHBOARD_DELAY_MS  how long dashboard updates are gathered (default 60000)
  FACTORY_PACING_SCALE        the demo only: its writes paced faster than GitHub asks (refused in production)
  SENTRY_DSN                  optional: report errors to Sentry
  member tokens               the variables the config's tokenEnv names (e.g. JULES_TOKEN)

With neither APP_ID nor a private key, outside production, Probot's setup page
at http://localhost:3000 registers the app and writes them into .env:

  GH_ORG                      the organisation to register the app under (default: your account)
`;

/**
 * Adds the working directory's `.env` to `env`, overriding, as Probot's `run`
 * does before it reads its settings, so the checks see what Probot will.
 */
export function applyDotEnv(env: NodeJS.ProcessEnv, cwd: string): void {
  let text: string;
  try {
    text = readFileSync(join(cwd, ".env"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new Error(`cannot read ${join(cwd, ".env")} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); fix or remove the file`);
  }
  Object.assign(env, parseEnv(text));
}

/**
 * Checks what the app is started with before Probot reads it, and throws the
 * first problem as one line, `<what is wrong>; <how to fix>`. Returns the
 * private key as read (undefined for Probot's setup page).
 */
export function checkStartupEnvironment(env: NodeJS.ProcessEnv, cwd: string): { privateKey: string | undefined } {
  const appId = env.APP_ID?.trim();
  if (appId) parseAppId(appId);
  const privateKey = readPrivateKey(env, { cwd, findPem: true });
  const production = env.NODE_ENV === "production";
  if (!appId && (privateKey || production)) {
    throw new Error(`APP_ID is not set${privateKey ? " but a private key is" : " (NODE_ENV=production)"}; set APP_ID to the App ID shown on the GitHub App's settings page`);
  }
  if (appId && !privateKey) {
    throw new Error("APP_ID is set but no private key is; set PRIVATE_KEY to the contents of the app's .pem file, or PRIVATE_KEY_PATH to its path");
  }
  assertSafeEnvironment(env);
  const port = env.PORT?.trim();
  if (port && !(/^\d+$/.test(port) && Number(port) <= 65_535)) {
    throw new Error(`PORT must be a port number (0 to 65535), not '${port.slice(0, 40)}'; set PORT to the port the webhook server should listen on`);
  }
  const level = env.LOG_LEVEL?.trim();
  if (level && !LOG_LEVELS.includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not '${level.slice(0, 40)}'; set LOG_LEVEL to one of them`);
  }
  return { privateKey };
}
