import { describe, expect, it } from "vitest";
import type { ParsedCommand } from "../../src/stages/commands/command.js";
import { needsPermission, showsMembers } from "../../src/stages/commands/command-verbs.js";
import { parseCommands } from "../../src/stages/commands/parse-commands.js";

function parsed(body: string): ParsedCommand {
  const [command] = parseCommands(body);
  if (!command) throw new Error(`${body} is not a command`);
  return command;
}

describe("needsPermission", () => {
  it.each<[string, boolean, boolean]>([
    ["/factory help", false, false],
    ["/factory status", false, false],
    // Plain budget and --team list members' logins and quotas: not for strangers (SPEC §5).
    ["/factory budget", true, true],
    ["/factory budget --team", true, true],
    ["/factory budget --history", false, false],
    ["/factory budget --forecast 30", false, false],
    ["/factory budget --plan", false, false],
    ["/factory audit", true, false],
    ["/factory dispatch next --dry-run", true, false],
    ["/factory sync", true, false],
    ["/factory deploy", false, false],
    ["/factory budget --bogus", false, false],
  ])("%s: needs the permission %s, shows members %s", (body, needs, members) => {
    expect(needsPermission(parsed(body))).toBe(needs);
    expect(showsMembers(parsed(body))).toBe(members);
  });
});
