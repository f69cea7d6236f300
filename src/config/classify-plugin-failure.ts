import type { ConfigFileRef } from "./config-file-ref.js";
import type { KeyPath } from "./find-owning-document.js";
import { parseContentsUrl } from "./parse-contents-url.js";

/** A failure of Probot's config plugin that is the file's fault, not GitHub's. */
export interface PluginFailure {
  /** The file at fault, recovered from the URL in the plugin's message. */
  file: ConfigFileRef;
  /** The line, when the error itself says (YAML syntax errors). */
  line?: number;
  /** Where to look for the line in the file's text, when the error does not say. */
  locate?: KeyPath;
  /** What is wrong, in one line. */
  summary: string;
  /** The full explanation. */
  details: string;
}

const PREFIX = "[@probot/octokit-plugin-config] ";

/**
 * Recognises the errors `@probot/octokit-plugin-config` throws for bad
 * content: broken YAML, a document that is a plain string, an invalid or
 * circular `_extends`, a path that is a directory. Those messages are the
 * plugin's only signal (plain `Error`s with the file's URL inside), so they
 * are matched here, in one place. Anything else — notably an HTTP error, which
 * carries a `status` — is not a content problem and yields undefined.
 */
export function classifyPluginFailure(error: unknown): PluginFailure | undefined {
  if (!(error instanceof Error) || "status" in error || !error.message.startsWith(PREFIX)) return undefined;
  const message = error.message.slice(PREFIX.length);

  const parse = /^Configuration could not be parsed from (\S+) \((.+)\)$/.exec(message);
  if (parse) {
    const [, url = "", reason = ""] = parse;
    const file = parseContentsUrl(url);
    if (!file) return undefined;
    if (reason === "invalid YAML") return yamlFailure(file, error.cause);
    return {
      file,
      locate: [],
      summary: "the file must be a mapping of settings (key: value), not a single value",
      details:
        "The whole document is a single value; Factory expects settings such as `agents:` or `budget:` at the top level.",
    };
  }

  const extendsValue = /^Invalid value (.*) for _extends in (\S+)$/.exec(message);
  if (extendsValue) {
    const [, value = "", url = ""] = extendsValue;
    const file = parseContentsUrl(url);
    if (!file) return undefined;
    return {
      file,
      locate: ["_extends"],
      summary: "invalid _extends value",
      details:
        "_extends must be `.github`, `repo`, `owner/repo` or `owner/repo:path.yml`; " +
        `got ${value.replace(/^"|"$/g, "")}.`,
    };
  }

  const recursion = /^Recursion detected\..* from (\S+) because (\S+) was already loaded\.$/.exec(message);
  if (recursion) {
    const [, url = "", loadedUrl = ""] = recursion;
    const file = parseContentsUrl(url);
    const loaded = parseContentsUrl(loadedUrl);
    if (!file) return undefined;
    const loadedName = loaded ? `${loaded.owner}/${loaded.repo}/${loaded.path}` : "a file";
    return {
      file,
      locate: ["_extends"],
      summary: "_extends goes round in a circle",
      details: `_extends leads back to ${loadedName}, which was already loaded.`,
    };
  }

  const directory = /^(\S+) exists, but is either a directory or a submodule\./.exec(message);
  if (directory) {
    const file = parseContentsUrl(directory[1] ?? "");
    if (!file) return undefined;
    return {
      file,
      summary: "the path is a directory or a submodule, not a file",
      details: "Factory reads its settings from a YAML file at this path.",
    };
  }
  return undefined;
}

/**
 * The YAML library's message reads `<problem> at line L, column C:` followed
 * by a code frame; the summary keeps the problem, the line goes in `line`.
 */
function yamlFailure(file: ConfigFileRef, cause: unknown): PluginFailure {
  const { message, linePos } = (cause ?? {}) as { message?: unknown; linePos?: { line: number }[] };
  const text = typeof message === "string" ? message : "the YAML parser gave no reason";
  const problem = (text.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  const line = linePos?.[0]?.line;
  return {
    file,
    ...(line === undefined ? {} : { line }),
    summary: `invalid YAML: ${problem}`,
    details: text.trimEnd(),
  };
}
