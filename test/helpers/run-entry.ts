import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "vitest";

const ROOT = new URL("../..", import.meta.url).pathname;
/** tsx's loader by absolute URL, so the entry can run from a directory outside the checkout (no .env, no .pem there). */
const TSX = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

/** What an entry point printed and how it ended. */
export interface EntryRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh, empty working directory. */
export function emptyDir(): string {
  return mkdtempSync(join(tmpdir(), "factory-entry-"));
}

/**
 * Runs an entry point of the checkout (`src/main.ts`, `scripts/demo.ts`, a
 * `.js` file as is) in its own process, with only `env` (and PATH) set, in
 * `cwd` (default: an empty directory).
 */
export function runEntry(file: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): EntryRun {
  const path = join(ROOT, file);
  const loader = file.endsWith(".ts") ? ["--import", TSX] : [];
  const result = spawnSync(process.execPath, [...loader, path, ...args], {
    cwd: options.cwd ?? emptyDir(),
    env: { PATH: process.env.PATH ?? "", ...options.env },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The run failed with exactly `line` on stderr — one line, no stack trace — nothing on stdout, and exit code 1. */
export function expectOneLine(run: EntryRun, line: string): void {
  expect(run.stderr).toBe(`${line}\n`);
  expect(run.stderr).not.toMatch(/^ {4}at /m);
  expect(run.stdout).toBe("");
  expect(run.status).toBe(1);
}
