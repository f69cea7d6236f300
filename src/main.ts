/**
 * Starts Factory as `probot run` would — same environment variables, setup
 * page and server — but with Factory's Octokit: Probot's CLI cannot be given
 * one, and its own settings give up on every secondary rate limit while the
 * retry plugin repeats creations GitHub may already have applied.
 *
 * The environment is checked first, so a bad setting ends in one line,
 * `factory: <what is wrong>; <how to fix>`, and exit code 1, not a trace.
 */
import { describeError } from "./cli/describe-error.js";
import { packageVersion } from "./package-version.js";
import { APP_USAGE, applyDotEnv, checkStartupEnvironment } from "./startup-check.js";

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(APP_USAGE);
  process.exit(0);
}
if (args.includes("--version") || args.includes("-V")) {
  process.stdout.write(`${packageVersion()}\n`);
  process.exit(0);
}
if (args[0] !== undefined) fail(`unknown argument '${args[0]}'; the app takes only --help and --version, its settings come from the environment (see --help)`);

try {
  applyDotEnv(process.env, process.cwd());
  const { privateKey } = checkStartupEnvironment(process.env, process.cwd());
  // Loaded only now: --help and a bad setting answer at once.
  const [{ run }, { default: app }, { FactoryOctokit }] = await Promise.all([import("probot"), import("./app.js"), import("./github/factory-octokit.js")]);
  // Probot is handed the key as checked, so it cannot read the variables differently.
  await run(app, { Octokit: FactoryOctokit, ...(privateKey ? { env: { ...process.env, PRIVATE_KEY: privateKey } } : {}) });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(code === "EADDRINUSE" ? `${describeError(error)}; set PORT to a free port` : describeError(error));
}

function fail(message: string): never {
  process.stderr.write(`factory: ${message}\n`);
  process.exit(1);
}
