import type { ProbotOctokit } from "probot";
import { z } from "zod";
import { applyOrgRules } from "./apply-org-rules.js";
import { classifyPluginFailure } from "./classify-plugin-failure.js";
import type { ConfigError } from "./config-error.js";
import { formatConfigFileRef, type ConfigFileRef } from "./config-file-ref.js";
import { configWarning, type ConfigWarning } from "./config-warning.js";
import { findOwningDocument, type KeyPath } from "./find-owning-document.js";
import { isPlainObject } from "./is-plain-object.js";
import { locateYamlPath } from "./locate-yaml-path.js";
import { mergeConfigs } from "./merge-configs.js";
import { configSchema, type Config } from "./schema.js";

export type { ConfigError } from "./config-error.js";
export type { ConfigWarning } from "./config-warning.js";
export { renderConfigError } from "./render-config-error.js";

/** Where Factory's settings live in a repository. */
export const CONFIG_PATH = ".github/factory.yml";

/**
 * The outcome of {@link loadConfig}: a complete config (with the settings a
 * repository's file may not change, each named in `warnings`), or what is
 * wrong with the files.
 */
export type LoadConfigResult =
  | { ok: true; config: Config; files: string[]; warnings: ConfigWarning[] }
  | { ok: false; error: ConfigError };

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
 * Secrets and money are the organisation's (SPEC §5): its own file,
 * `<owner>/.github/.github/factory.yml`, is always read, extended or not, and
 * the repository's files may only narrow what it says of tokens, members,
 * budget and ledger (see {@link applyOrgRules}). What they may not change is
 * not an error: the organisation's value is used and `warnings` name the key,
 * the file and its line.
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
  const chain = await readChain({ octokit, owner, repo });
  if (!chain.ok) return chain;
  const loaded = chain.files.filter((file) => file.config !== null);
  const merged = await validate({ octokit, files: loaded, fallback: { owner, repo, path: CONFIG_PATH } });
  if (!merged.ok) return merged;

  // Which files are the organisation's: its file and what that extends. When the repository's chain does not reach it, it is read on its own.
  const orgAt = repo.toLowerCase() === ORG_REPO ? 0 : chain.files.findIndex((file) => isOrgFile(file.ref, owner));
  const orgChain = orgAt === -1 ? await readChain({ octokit, owner, repo: ORG_REPO }) : { ok: true as const, files: chain.files.slice(orgAt) };
  if (!orgChain.ok) return orgChain;
  const orgFiles = orgChain.files.filter((file) => file.config !== null);
  const orgRef = { owner, repo: ORG_REPO, path: CONFIG_PATH };
  const org = await validate({ octokit, files: orgFiles, fallback: orgRef });
  if (!org.ok) return org;

  const repository = loaded.filter((file) => !orgFiles.includes(file));
  const files = [...new Set([...loaded, ...orgFiles].map((file) => formatConfigFileRef(file.ref)))];
  if (repository.length === 0) return { ok: true, config: org.config, files, warnings: [] };

  const ruled = applyOrgRules({
    org: { file: formatConfigFileRef(orgRef), document: mergeConfigs(documentsOf(orgFiles).reverse()) },
    repository: repository.map((file) => ({ file: formatConfigFileRef(file.ref), document: documentsOf([file])[0] ?? {} })),
  });
  const parsed = configSchema.safeParse(ruled.document);
  if (!parsed.success) return { ok: false, error: await schemaError({ octokit, files: [...repository, ...orgFiles], error: parsed.error, fallback: orgRef }) };
  const warnings = await withLines({ octokit, warnings: ruled.warnings, files: repository });
  return { ok: true, config: parsed.data, files, warnings };
}

/** The organisation's repository of shared settings. */
const ORG_REPO = ".github";

function isOrgFile(ref: ConfigFileRef, owner: string): boolean {
  return ref.owner.toLowerCase() === owner.toLowerCase() && ref.repo.toLowerCase() === ORG_REPO && ref.path === CONFIG_PATH;
}

/** The files of `repo`'s chain as the plugin reads them (a file it could not find has `config: null`), or why they are bad. */
async function readChain(params: {
  octokit: ConfigOctokit;
  owner: string;
  repo: string;
}): Promise<{ ok: true; files: LoadedFile[] } | { ok: false; error: ConfigError }> {
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
  return broken ? { ok: false, error: broken } : { ok: true, files };
}

/** Merges `files` (highest priority first) and validates the result; an error names the file that set the bad value. */
async function validate(params: {
  octokit: ConfigOctokit;
  files: readonly LoadedFile[];
  fallback: ConfigFileRef;
}): Promise<{ ok: true; config: Config } | { ok: false; error: ConfigError }> {
  const parsed = configSchema.safeParse(mergeConfigs(documentsOf(params.files).reverse()));
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, error: await schemaError({ ...params, error: parsed.error }) };
}

/** The error to show for a schema failure of the merge of `files`. */
async function schemaError(params: {
  octokit: ConfigOctokit;
  files: readonly LoadedFile[];
  error: z.ZodError;
  fallback: ConfigFileRef;
}): Promise<ConfigError> {
  const { octokit, files, error } = params;
  const [first] = error.issues;
  const path = first ? issueLocation(first) : [];
  const owning = files[findOwningDocument({ documents: documentsOf(files), path }) ?? 0];
  const ref = owning?.ref ?? params.fallback;
  const more = error.issues.length - 1;
  const summary = first ? describeIssue(first) : "the settings do not match the schema";
  return toConfigError({
    ref,
    line: await findLine({ octokit, ref, path }),
    summary: more > 0 ? `${summary} (and ${more} more)` : summary,
    details: z.prettifyError(error),
  });
}

/** The documents of loaded files, without `_extends`: the plugin resolved it, and it must not leak from a base file into the merge. */
function documentsOf(files: readonly LoadedFile[]): Array<Record<string, unknown>> {
  return files.map((file) => withoutExtends(file.config as Record<string, unknown>));
}

/** The warnings with the line of each key, in the order of the files and lines; each file is read once, and only when it has a warning. */
async function withLines(params: {
  octokit: ConfigOctokit;
  warnings: readonly ConfigWarning[];
  files: readonly LoadedFile[];
}): Promise<ConfigWarning[]> {
  const texts = new Map<string, Promise<string | undefined>>();
  const result: ConfigWarning[] = [];
  for (const warning of params.warnings) {
    const ref = params.files.find((file) => formatConfigFileRef(file.ref) === warning.file)?.ref;
    if (!ref) {
      result.push(warning);
      continue;
    }
    if (!texts.has(warning.file)) texts.set(warning.file, readText({ octokit: params.octokit, ref }));
    const text = await texts.get(warning.file);
    const line = text === undefined ? undefined : locateYamlPath({ text, path: warning.path });
    result.push(line === undefined ? warning : configWarning({ ...warning, line }));
  }
  const fileOrder = (warning: ConfigWarning) => params.files.findIndex((file) => formatConfigFileRef(file.ref) === warning.file);
  return result.sort((a, b) => fileOrder(a) - fileOrder(b) || (a.line ?? Infinity) - (b.line ?? Infinity));
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
 * Reads the file's text again to find the line of `path`. Only done for an
 * error or a warning: the plugin does not keep the text. The line is a courtesy, so a
 * failure to fetch it leaves the line out instead of hiding the real problem.
 */
async function findLine(params: {
  octokit: ConfigOctokit;
  ref: ConfigFileRef;
  path: KeyPath;
}): Promise<number | undefined> {
  const text = await readText(params);
  return text === undefined ? undefined : locateYamlPath({ text, path: params.path });
}

/** The file's text, or undefined when it cannot be read (the plugin does not keep the text). */
async function readText(params: { octokit: ConfigOctokit; ref: ConfigFileRef }): Promise<string | undefined> {
  const { octokit, ref } = params;
  try {
    const response = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: ref.owner,
      repo: ref.repo,
      path: ref.path,
      mediaType: { format: "raw" },
    });
    const text: unknown = response.data;
    return typeof text === "string" ? text : undefined;
  } catch {
    return undefined;
  }
}
