import { parseArgs } from "node:util";
import { packageVersion } from "../src/package-version.js";

/**
 * Reads a script's command line (`npm run <name> -- …`; boolean `flags`
 * only): `--help` prints `usage` and `--version` Factory's version, both
 * exiting 0 before anything runs; a typo ends in one line on stderr,
 * `<name>: <what is wrong>; <the options>`, and exit code 1. Returns the
 * flags given.
 */
export function readScriptOptions(params: { name: string; usage: string; flags: string[]; args?: string[] }): Set<string> {
  const names = [...params.flags, "help", "version"];
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: params.args ?? process.argv.slice(2),
      options: Object.fromEntries(names.map((name) => [name, { type: "boolean" as const }])),
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    exitWith(`${params.name}: ${describeParseError(error)}; the options are ${names.map((name) => `--${name}`).join(", ")}`);
  }
  if (values.help) {
    process.stdout.write(params.usage);
    process.exit(0);
  }
  if (values.version) {
    process.stdout.write(`${packageVersion()}\n`);
    process.exit(0);
  }
  return new Set(Object.keys(values).filter((name) => values[name] === true));
}

/** Ends the script with one line on stderr and exit code 1. */
export function exitWith(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

/** Node's parseArgs errors, shortened to what is wrong (its own messages add advice about `--` that does not apply here). */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']*)'/.exec(message ?? "")?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option '${quoted}'`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `unexpected argument '${quoted}'`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `option '${quoted}' takes no value`;
  return (message ?? String(error)).split("\n")[0] ?? "bad arguments";
}
