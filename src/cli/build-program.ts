import { Command } from "commander";
import { auditParseCommand } from "./audit-parse-command.js";
import { budgetCommand } from "./budget-command.js";
import { ENVIRONMENT_HELP, type CliNetwork } from "./cli-octokit.js";
import { epicPlanCommand } from "./epic-plan-command.js";
import { planCommand } from "./plan-command.js";
import { statusCommand } from "./status-command.js";
import { syncCommand } from "./sync-command.js";
import { packageVersion } from "../package-version.js";

/** A stream a command writes to; `isTTY` and `columns` say whether (and how wide) a progress line may be drawn. */
export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Where a command writes: stdout for results, stderr for messages and progress. */
export interface CliIo {
  out: CliStream;
  err: CliStream;
  /** Reads standard input to its end (for `audit parse -`); the process's by default, a string in tests. */
  readStdin?: () => Promise<string>;
}

/** What the commands that talk to GitHub need from outside: the environment, and for tests the transport and the clock. */
export interface CliDeps {
  /** Credentials (`GITHUB_TOKEN`, or `APP_ID` + `PRIVATE_KEY`), `GITHUB_API_URL`, and members' tokens by name. */
  env: NodeJS.ProcessEnv;
  network?: CliNetwork;
  now?: () => Date;
}

/** The `factory` program with every subcommand. */
export function buildProgram(io: CliIo, deps: CliDeps = { env: process.env }): Command {
  const program = new Command("factory")
    .description("Factory's command line: check what Factory would do, offline or against GitHub.")
    .version(packageVersion(), "-V, --version", "print Factory's version")
    .addHelpText("after", `\n${ENVIRONMENT_HELP}`)
    .configureOutput({ writeOut: (text) => io.out.write(text), writeErr: (text) => io.err.write(text), outputError: oneLineError(["factory"]) });
  const audit = program.command("audit").description("Audit reports: see the findings Factory reads from one.");
  audit.addCommand(io.readStdin ? auditParseCommand(io, io.readStdin) : auditParseCommand(io));
  const epic = program.command("epic").description("Epics: see how Factory would group implementation issues.");
  epic.addCommand(epicPlanCommand(io));
  program.addCommand(statusCommand(io, deps));
  program.addCommand(budgetCommand(io, deps));
  program.addCommand(planCommand(io, deps));
  program.addCommand(syncCommand(io, deps));
  // Commands made apart and added with addCommand do not inherit the output settings: without this, their --help and usage errors would bypass `io`.
  // Each says its own path in its usage errors (`see factory epic plan --help`).
  const inherit = (command: Command, path: string[]): void => {
    for (const sub of command.commands) {
      sub.copyInheritedSettings(command);
      sub.configureOutput({ outputError: oneLineError([...path, sub.name()]) });
      inherit(sub, [...path, sub.name()]);
    }
  };
  inherit(program, ["factory"]);
  return program;
}

/** A usage error (unknown option, missing argument) as one line: `factory: <what is wrong>; see factory epic plan --help`. */
function oneLineError(path: string[]): (text: string, write: (text: string) => void) => void {
  return (text, write) => write(`factory: ${text.replace(/^error:\s*/, "").replace(/\s+/g, " ").trim()}; see ${path.join(" ")} --help\n`);
}
