import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/build-program.js";
import { describeError } from "../../src/cli/describe-error.js";
import { emptyDir, expectOneLine, runEntry, type EntryRun } from "../helpers/run-entry.js";

/**
 * `npx factory …` as a new user meets it: bad input ends in one line on
 * stderr naming what to fix, exit code 1, never a trace — checked in its own
 * process for a few cases, and in-process (as bin/factory.js → src/cli/main.ts
 * would print it) for the rest. No case reaches GitHub: each fails before a
 * request (and GITHUB_API_URL points at a closed loopback port in case one did).
 */
const VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
const OFFLINE = { GITHUB_API_URL: "http://127.0.0.1:9" };
const FROM_SETTINGS = "the .pem file downloaded from the GitHub App's settings page";
const ISSUES_FIX = "give a JSON array of issues (number, title, labels, body, state), e.g. the output of gh issue list --json number,title,labels,body,state";

/** Runs `factory …` in its own process in `dir`. */
const spawned = (dir: string, args: string[], env: Record<string, string> = {}) => runEntry("bin/factory.js", args, { cwd: dir, env: { ...OFFLINE, ...env } });

/**
 * Runs `factory …` in-process in `dir` (paths are made absolute) and reports
 * what the process would: stderr as src/cli/main.ts writes it, exit code 1 on
 * an error.
 */
async function factory(dir: string, args: string[], env: Record<string, string> = {}): Promise<EntryRun> {
  let stdout = "";
  let stderr = "";
  const program = buildProgram({ out: { write: (t: string) => (stdout += t) }, err: { write: (t: string) => (stderr += t) } }, { env: { ...OFFLINE, ...env } });
  const exitOverride = (command: typeof program): void => {
    command.exitOverride();
    command.commands.forEach(exitOverride);
  };
  exitOverride(program);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    await program.parseAsync(["node", "factory", ...args]);
    return { status: 0, stdout, stderr };
  } catch (error) {
    // Commander has printed its usage errors already; the rest are printed by src/cli/main.ts.
    const { code, exitCode } = error as { code?: string; exitCode?: number };
    if (code?.startsWith("commander.")) return { status: exitCode ?? 1, stdout, stderr };
    return { status: 1, stdout, stderr: `${stderr}factory: ${describeError(error)}\n` };
  } finally {
    process.chdir(cwd);
  }
}

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = emptyDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("the factory command's answers to bad input, in its own process", () => {
  it("prints its version, and answers a typo, a missing file and a bad APP_ID in one line, exit code 1", () => {
    const dir = dirWith({ "key.bin": Buffer.from([0x30, 0x82, 0x04, 0xa4, 0x00, 0xff, 0x01]) });
    expect(spawned(dir, ["--version"])).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: "" });
    expectOneLine(spawned(dir, ["epic", "plan", "--issues", "x.json", "--jsn"]), "factory: unknown option '--jsn' (Did you mean --json?); see factory epic plan --help");
    expectOneLine(spawned(dir, ["audit", "parse", "nope.md"]), "factory: no such file: nope.md");
    // The demo's pacing variable, malformed, is refused where a client is made, not as a trace on import.
    expectOneLine(
      spawned(dir, ["status", "acme/api"], { GITHUB_TOKEN: "ghp_test", FACTORY_PACING_SCALE: "fast" }),
      "factory: FACTORY_PACING_SCALE must be a number above 0 and at most 1, not 'fast'; unset it for GitHub's own pacing",
    );
    expectOneLine(spawned(dir, ["status", "acme/api"], { APP_ID: "abc", PRIVATE_KEY_PATH: "key.bin" }), "factory: APP_ID must be a positive integer, not 'abc'; set it to the App ID shown on the GitHub App's settings page");
    expectOneLine(
      spawned(dir, ["status", "acme/api"], { APP_ID: "1", PRIVATE_KEY_PATH: "key.bin" }),
      `factory: PRIVATE_KEY_PATH key.bin is a binary file, not a PEM private key; point PRIVATE_KEY_PATH at ${FROM_SETTINGS}`,
    );
  });
});

describe("the factory command's answers to bad input", () => {
  it("prints its version, and names an unknown option or a missing one in one line", async () => {
    const dir = emptyDir();
    expect(await factory(dir, ["--version"])).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: "" });
    expectOneLine(await factory(dir, ["epic", "plan"]), "factory: required option '--issues <file>' not specified; see factory epic plan --help");
    expectOneLine(await factory(dir, ["audit", "parse"]), "factory: missing required argument 'file'; see factory audit parse --help");
    expectOneLine(await factory(dir, ["stauts"]), "factory: unknown command 'stauts' (Did you mean status?); see factory --help");
  });

  it("says which file is missing, empty, binary or not JSON, without echoing its bytes", async () => {
    const dir = dirWith({ "empty.json": "", "binary.json": Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a]), "broken.json": "[{", "audit.md": "# Audit\n", "bad.yml": "epics:\n  foo: [\n\n" });
    expectOneLine(await factory(dir, ["audit", "parse", "nope.md"]), "factory: no such file: nope.md");
    expectOneLine(await factory(dir, ["epic", "plan", "--issues", "empty.json"]), `factory: the issues file empty.json is empty; ${ISSUES_FIX}`);
    expectOneLine(await factory(dir, ["epic", "plan", "--issues", "binary.json"]), `factory: the issues file binary.json is a binary file, not text; ${ISSUES_FIX}`);
    expectOneLine(
      await factory(dir, ["epic", "plan", "--issues", "broken.json"]),
      `factory: the issues file broken.json is not valid JSON (Expected property name or '}' in JSON at position 2); ${ISSUES_FIX}`,
    );
    expectOneLine(
      await factory(dir, ["audit", "parse", "audit.md", "--config", "bad.yml"]),
      "factory: Invalid config in bad.yml, line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]",
    );
  });

  it("names the variable when APP_ID or the private key is wrong", async () => {
    const dir = dirWith({ "key.bin": Buffer.from([0x30, 0x82, 0x04, 0xa4, 0x00, 0xff, 0x01]), "empty.pem": "" });
    const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }) as string;
    expectOneLine(await factory(dir, ["status", "acme/api"], { APP_ID: "abc", PRIVATE_KEY: key }), "factory: APP_ID must be a positive integer, not 'abc'; set it to the App ID shown on the GitHub App's settings page");
    expectOneLine(
      await factory(dir, ["status", "acme/api"], { APP_ID: "1", PRIVATE_KEY: "garbage" }),
      `factory: PRIVATE_KEY is not a PEM private key (it should start with -----BEGIN RSA PRIVATE KEY-----); set PRIVATE_KEY to the contents of ${FROM_SETTINGS}`,
    );
    expectOneLine(
      await factory(dir, ["status", "acme/api"], { APP_ID: "1", PRIVATE_KEY_PATH: "key.bin" }),
      `factory: PRIVATE_KEY_PATH key.bin is a binary file, not a PEM private key; point PRIVATE_KEY_PATH at ${FROM_SETTINGS}`,
    );
    expectOneLine(await factory(dir, ["status", "acme/api"], { APP_ID: "1", PRIVATE_KEY_PATH: "empty.pem" }), `factory: PRIVATE_KEY_PATH empty.pem is empty; point PRIVATE_KEY_PATH at ${FROM_SETTINGS}`);
  });
});
