/**
 * The `factory` command-line entry. It only wires commands to the same
 * planners and flows the app uses; there is no logic here.
 */
import { buildProgram } from "./build-program.js";
import { describeError } from "./describe-error.js";

await buildProgram({ out: process.stdout, err: process.stderr }, { env: process.env })
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`factory: ${describeError(error)}\n`);
    process.exitCode = 1;
  });
