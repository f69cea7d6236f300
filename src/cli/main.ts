/**
 * The `factory` command-line entry. It only wires commands to the same
 * planners the app uses; there is no logic here.
 */
import { buildProgram } from "./build-program.js";

await buildProgram({ out: process.stdout, err: process.stderr })
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`factory: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
