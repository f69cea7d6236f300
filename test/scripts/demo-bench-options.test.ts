import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectOneLine, runEntry } from "../helpers/run-entry.js";

/**
 * `npm run demo -- …` and `npm run bench -- …`: --help and --version answer
 * at once and exit 0 without running anything; a typo ends in one line naming
 * it and the options, exit code 1, never a trace.
 */
const VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
const OPTIONS = "the options are --json, --help, --version";

describe.each([
  ["demo", "scripts/demo.ts"],
  ["bench", "scripts/bench.ts"],
])("npm run %s", (name, file) => {
  it("prints its usage on --help and its version on --version, and runs nothing", () => {
    const help = runEntry(file, ["--help"]);
    expect(help.stderr).toBe("");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: npm run ${name} -- \\[--json\\] \\[--help\\] \\[--version\\]\\n`));
    // Nothing ran: no sandbox, no scenario table, no timeline.
    expect(help.stdout).not.toMatch(/Sandbox GitHub on|\| scenario \|/);
    expect(runEntry(file, ["--version"])).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("answers an unknown option, an argument or a value in one line", () => {
    expectOneLine(runEntry(file, ["--jsn"]), `${name}: unknown option '--jsn'; ${OPTIONS}`);
    expectOneLine(runEntry(file, ["json"]), `${name}: unexpected argument 'json'; ${OPTIONS}`);
    expectOneLine(runEntry(file, ["--json=yes"]), `${name}: option '--json' takes no value; ${OPTIONS}`);
  });
});

describe("npm run bench's settings", () => {
  it("refuses a BENCH_* variable it cannot use in one line, before running anything", () => {
    expectOneLine(
      runEntry("scripts/bench.ts", [], { env: { BENCH_ONLY: "onbaord" } }),
      "bench: BENCH_ONLY must be one of onboard, http, life, fleet, not 'onbaord'; set it to one of them, or unset it",
    );
    expectOneLine(runEntry("scripts/bench.ts", [], { env: { BENCH_EVENTS: "lots" } }), "bench: BENCH_EVENTS must be a positive integer, not 'lots'; set it to a count, or unset it");
    expectOneLine(
      runEntry("scripts/bench.ts", [], { env: { BENCH_PROFILE: "kinder" } }),
      "bench: BENCH_PROFILE must be one of production, kind, not 'kinder'; set it to one of them, or unset it",
    );
  });
});
