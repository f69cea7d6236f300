import { Command } from "commander";
import { auditParseCommand } from "./audit-parse-command.js";
import { budgetCommand } from "./budget-command.js";
import { ENVIRONMENT_HELP, type CliNetwork } from "./cli-octokit.js";
import { epicPlanCommand } from "./epic-plan-command.js";
import { planCommand } from "./plan-command.js";
import { statusCommand } from "./status-command.js";
import { syncCommand } from "./sync-command.js";

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
    .addHelpText("after", `\n${ENVIRONMENT_HELP}`)
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({ writeOut: (text) => io.out.write(text), writeErr: (text) => io.err.write(text) });
  const audit = program.command("audit").description("Audit reports: see the findings Factory reads from one.");
  audit.addCommand(io.readStdin ? auditParseCommand(io, io.readStdin) : auditParseCommand(io));
  const epic = program.command("epic").description("Epics: see how Factory would group implementation issues.");
  epic.addCommand(epicPlanCommand(io));
  program.addCommand(statusCommand(io, deps));
  program.addCommand(budgetCommand(io, deps));
  program.addCommand(planCommand(io, deps));
  program.addCommand(syncCommand(io, deps));
  // Commands made apart and added with addCommand do not inherit the output settings: without this, their --help and usage errors would bypass `io`.
  const inherit = (command: Command): void => {
    for (const sub of command.commands) {
      sub.copyInheritedSettings(command);
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}
