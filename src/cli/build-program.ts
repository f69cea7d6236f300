import { Command } from "commander";
import { auditParseCommand } from "./audit-parse-command.js";
import { epicPlanCommand } from "./epic-plan-command.js";

/** Where a command writes: stdout for results, stderr for messages. */
export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

/** The `factory` program with every subcommand. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("factory")
    .description("Factory's command line: check what Factory would do, offline or against GitHub.")
    .showHelpAfterError()
    .configureOutput({ writeOut: (text) => io.out.write(text), writeErr: (text) => io.err.write(text) });
  const audit = program.command("audit").description("Audit reports: see the findings Factory reads from one.");
  audit.addCommand(auditParseCommand(io));
  const epic = program.command("epic").description("Epics: see how Factory would group implementation issues.");
  epic.addCommand(epicPlanCommand(io));
  return program;
}
