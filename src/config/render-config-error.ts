import type { ConfigError } from "./config-error.js";

/**
 * The Markdown comment that tells a user why Factory did nothing: which file,
 * which line, and what is wrong. Everything taken from the file (key names,
 * values, the YAML parser's code frame) goes inside a code block, where
 * `@mentions` and `#references` are inert.
 */
export function renderConfigError(error: ConfigError): string {
  const file = `\`${error.file.replace(/`/g, "")}\``;
  const where = error.line === undefined ? file : `${file}, line ${error.line}`;
  const fence = fenceFor(error.details);
  return [
    "### ⚠️ Factory's configuration is invalid",
    "",
    `Nothing was done: Factory does not act while its configuration is broken. The problem is in ${where}:`,
    "",
    `${fence}text`,
    error.details,
    fence,
    "",
    "Fix the file on the default branch, then repeat what you did (a command, a label) and Factory will pick it up.",
  ].join("\n");
}

/** A backtick fence longer than any backtick run in the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}
