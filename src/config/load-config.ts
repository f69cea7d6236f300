import type { ProbotOctokit } from "probot";
import { z } from "zod";
import { classifyPluginFailure } from "./classify-plugin-failure.js";
import type { ConfigError } from "./config-error.js";
import { formatConfigFileRef, type ConfigFileRef } from "./config-file-ref.js";
import { findOwningDocument, type KeyPath } from "./find-owning-document.js";
import { isPlainObject } from "./is-plain-object.js";
import { locateYamlPath } from "./locate-yaml-path.js";
import { mergeConfigs } from "./merge-configs.js";
import { configSchema, type Config } from "./schema.js";

export type { ConfigError } from "./config-error.js";
export { renderConfigError } from "./render-config-error.js";

/** Where Factory's settings live in a repository. */
export const CONFIG_PATH = ".github/factory.yml";

/** The outcome of {@link loadConfig}: a complete config, or what is wrong with the files. */
export type LoadConfigResult = { ok: true; config: Config; files: string[] } | { ok: false; error: ConfigError };

/** The parts of Probot's Octokit the loader uses (`context.octokit` has them). */
export type ConfigOctokit = Pick<InstanceType<typeof ProbotOctokit>, "config" | "request">;

interface LoadedFile {
  ref: ConfigFileRef;
  config: unknown;
}

/**
 * Loads `.github/factory.yml` the way `context.config` does — through
 * Probot's config plugin, which follows `_extends` and falls back to the
 * organisation's `.github` repository — then deep-merges the files (the
 * repository's own values win, arrays are replaced) and validates the result.
 *
 * Bad content never throws: it comes back as a {@link ConfigError} naming the
 * file and line. A missing file gives the defaults. A failure to talk to
 * GitHub (5xx, 403, …) is not the file's fault and is rethrown with context.
 *
 * @returns the config with the files it came from (`owner/repo/path`,
 *   highest priority first), or the error to show the user
 */
export async function loadConfig(params: {
  octokit: ConfigOctokit;
  owner: string;
  repo: string;
}): Promise<LoadConfigResult> {
  const { octokit, owner, repo } = params;
  let files: LoadedFile[];
  try {
    const result = await octokit.config.get({ owner, repo, path: CONFIG_PATH });
    files = result.files.map((file) => ({
      ref: { owner: file.owner, repo: file.repo, path: file.path },
      config: file.config,
    }));
  } catch (error) {
    const failure = classifyPluginFailure(error);
    if (!failure) {
      throw new Error(`Could not load ${owner}/${repo}/${CONFIG_PATH}`, { cause: error });
    }
    const { file: ref, locate, summary, details } = failure;
    const line = failure.line ?? (locate ? await findLine({ octokit, ref, path: locate }) : undefined);
    return { ok: false, error: toConfigError({ ref, line, summary, details }) };
  }

  const broken = await checkDocuments({ octokit, files });
  if (broken) return { ok: false, error: broken };

  const loaded = files.filter((file) => file.config !== null);
  // `_extends` was resolved by the plugin; it must not leak from a base file into the merge.
  const documents = loaded.map((file) => withoutExtends(file.config as Record<string, unknown>));
  const parsed = configSchema.safeParse(mergeConfigs([...documents].reverse()));
  if (parsed.success) {
    return { ok: true, config: parsed.data, files: loaded.map((file) => formatConfigFileRef(file.ref)) };
  }

  const [first] = parsed.error.issues;
  const path = first ? issueLocation(first) : [];
  const owning = loaded[findOwningDocument({ documents, path }) ?? 0];
  const ref = owning?.ref ?? { owner, repo, path: CONFIG_PATH };
  const more = parsed.error.issues.length - 1;
  const summary = first ? describeIssue(first) : "the settings do not match the schema";
  return {
    ok: false,
    error: toConfigError({
      ref,
      line: await findLine({ octokit, ref, path }),
      summary: more > 0 ? `${summary} (and ${more} more)` : summary,
      details: z.prettifyError(parsed.error),
    }),
  };
}

/**
 * Problems the schema cannot see because they are about the files rather
 * than the merged settings: a document that is a list or a number, and an
 * `_extends` that names a file that does not exist (the plugin skips those
 * silently, which would leave a maintainer wondering why settings are ignored).
 */
async function checkDocuments(params: {
  octokit: ConfigOctokit;
  files: readonly LoadedFile[];
}): Promise<ConfigError | undefined> {
  const { octokit, files } = params;
  const firstFound = files.findIndex((file) => file.config !== null);
  for (const [index, file] of files.entries()) {
    if (file.config !== null && !isPlainObject(file.config)) {
      const kind = Array.isArray(file.config) ? "a list" : `a single value (${typeof file.config})`;
      return toConfigError({
        ref: file.ref,
        line: await findLine({ octokit, ref: file.ref, path: [] }),
        summary: `the file must be a mapping of settings (key: value), not ${kind}`,
        details: "Factory expects settings such as `agents:` or `budget:` at the top level of the file.",
      });
    }
    const extender = files[index - 1];
    if (file.config === null && firstFound !== -1 && index > firstFound && extender) {
      const missing = formatConfigFileRef(file.ref);
      return toConfigError({
        ref: extender.ref,
        line: await findLine({ octokit, ref: extender.ref, path: ["_extends"] }),
        summary: `_extends names ${missing}, which does not exist or cannot be read by the app`,
        details:
          `The file named by _extends, ${missing}, was not found. ` +
          "Check the repository name and that Factory is installed on that repository.",
      });
    }
  }
  return undefined;
}

function toConfigError(params: {
  ref: ConfigFileRef;
  line: number | undefined;
  summary: string;
  details: string;
}): ConfigError {
  const file = formatConfigFileRef(params.ref);
  return {
    file,
    ...(params.line === undefined ? {} : { line: params.line }),
    message: `Invalid config in ${file}: ${params.summary}`,
    details: params.details,
  };
}

/** The key the issue is about; for an unknown key, the key itself rather than its parent. */
function issueLocation(issue: z.core.$ZodIssue): KeyPath {
  if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) return [...issue.path, issue.keys[0]];
  return issue.path;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = z.core.toDotPath(issue.path);
  const what =
    issue.code === "unrecognized_keys"
      ? `unknown key ${issue.keys.map((key) => `'${key}'`).join(", ")}`
      : issue.message;
  return where ? `${where}: ${what}` : what;
}

function withoutExtends(document: Record<string, unknown>): Record<string, unknown> {
  const { _extends: _ignored, ...rest } = document;
  return rest;
}

/**
 * Reads the file's text again to find the line of `path`. Only done on this
 * error path: the plugin does not keep the text. The line is a courtesy, so a
 * failure to fetch it leaves the line out instead of hiding the real problem.
 */
async function findLine(params: {
  octokit: ConfigOctokit;
  ref: ConfigFileRef;
  path: KeyPath;
}): Promise<number | undefined> {
  const { octokit, ref, path } = params;
  try {
    const response = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: ref.owner,
      repo: ref.repo,
      path: ref.path,
      mediaType: { format: "raw" },
    });
    const text: unknown = response.data;
    return typeof text === "string" ? locateYamlPath({ text, path }) : undefined;
  } catch {
    return undefined;
  }
}
