import { readFileSync } from "node:fs";

/**
 * Factory's version, from package.json — one folder up from src/ and from
 * lib/ alike — for every entry point's `--version`.
 */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "unknown";
}
