/**
 * `npm run demo`: Factory end to end on the built-in GitHub sandbox.
 * `npm run demo -- --json` prints the final sandbox state as JSON on stdout.
 */
import { parseArgs } from "node:util";
import { runDemo } from "../demo/run-demo.js";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });

runDemo({ json: values.json ?? false }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
