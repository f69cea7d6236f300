/**
 * `npm run demo`: Factory end to end on the built-in GitHub sandbox.
 * `npm run demo -- --json` prints the final sandbox state as JSON on stdout.
 */
import { describeError } from "../src/cli/describe-error.js";
import { readScriptOptions } from "./script-options.js";

const USAGE = `Usage: npm run demo -- [--json] [--help] [--version]

Runs Factory end to end on the built-in GitHub sandbox: the sandbox on
loopback, the real app process against it, a story from audit to merged epic,
then the timeline. Nothing leaves this machine.

  --json     print the final sandbox state as JSON on stdout (the timeline goes to stderr)
  --help     print this and exit
  --version  print Factory's version and exit
`;

const flags = readScriptOptions({ name: "demo", usage: USAGE, flags: ["json"] });
// Loaded only now: --help and a typo answer at once.
const { runDemo } = await import("../demo/run-demo.js");

runDemo({ json: flags.has("json") }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo: ${describeError(error)}\n`);
    process.exit(1);
  },
);
