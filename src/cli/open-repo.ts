import type { Logger } from "probot";
import { loadConfig } from "../config/load-config.js";
import type { Config } from "../config/schema.js";
import type { Octokit, RepoRef } from "../github/octokit.js";
import type { CliDeps, CliIo } from "./build-program.js";
import { cliIdentity, cliOctokit, cliUserOctokit } from "./cli-octokit.js";
import type { FactoryIdentity } from "../model/authorship.js";
import { Progress } from "./progress.js";
import { quietLogger } from "./quiet-logger.js";

/** Everything a command needs to run a flow on one repository, gathered once. */
export interface RepoSession {
  octokit: Octokit;
  repo: RepoRef;
  fullName: string;
  config: Config;
  defaultBranch: string;
  language: string | null;
  now: Date;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Acts as a member with their token (dispatch triggers), against the same GitHub. */
  userOctokit: (token: string) => Octokit;
  progress: Progress;
  /** Factory's own account: only what it wrote counts as its state. */
  identity: FactoryIdentity;
}

/** `owner/repo` from the command line, or a clear error. */
export function parseRepoArg(text: string): RepoRef {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text.trim());
  if (!match) throw new Error(`expected a repository as owner/repo, not '${text}'`);
  return { owner: match[1] as string, repo: match[2] as string };
}

/**
 * Authenticates from the environment, reads the repository (default branch,
 * language) and loads its `.github/factory.yml` the way the app does. A
 * progress line on stderr counts the requests from here on when stdout and
 * stderr are terminals. A broken config, a missing repository or refused
 * credentials end the command with one line saying so.
 */
export async function openRepo(params: { io: CliIo; deps: CliDeps; repo: RepoRef; label: string; missingHint?: string }): Promise<RepoSession> {
  const { io, deps, repo } = params;
  const fullName = `${repo.owner}/${repo.repo}`;
  const log = quietLogger();
  const progress = new Progress({ stream: io.err, enabled: io.out.isTTY === true && io.err.isTTY === true });
  const octokit = await cliOctokit({ env: deps.env, owner: repo.owner, log, ...(deps.network ? { network: deps.network } : {}) });
  octokit.hook.after("request", () => progress.request());
  progress.start(params.label);
  try {
    let data: { default_branch: string; language?: string | null };
    try {
      ({ data } = await octokit.rest.repos.get({ ...repo }));
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 404) throw new Error(`${fullName} was not found, or the credentials cannot see it${params.missingHint ? `: ${params.missingHint}` : ""}`);
      if (status === 401) throw new Error(`GitHub refused the credentials (401): check GITHUB_TOKEN, or APP_ID and PRIVATE_KEY`, { cause: error });
      throw new Error(`cannot read ${fullName}`, { cause: error });
    }
    const loaded = await loadConfig({ octokit, ...repo });
    if (!loaded.ok) throw new Error(`${loaded.error.message}${loaded.error.line === undefined ? "" : ` (line ${loaded.error.line})`}`);
    return {
      octokit,
      repo,
      fullName,
      config: loaded.config,
      defaultBranch: data.default_branch,
      language: data.language ?? null,
      now: deps.now ? deps.now() : new Date(),
      env: deps.env,
      log,
      userOctokit: cliUserOctokit({ env: deps.env, log, ...(deps.network ? { network: deps.network } : {}) }),
      progress,
      identity: await cliIdentity({ env: deps.env, log, ...(deps.network ? { network: deps.network } : {}) }),
    };
  } catch (error) {
    progress.stop();
    throw error;
  }
}

/** What a command hands back to be printed: the JSON value for `--json`, else the text. */
export interface CommandResult {
  value: unknown;
  text: string;
}

/**
 * Opens the repository, runs the command's work on it and prints the result
 * (JSON with `--json`); the progress line is cleared whatever happens.
 */
export async function runOnRepo(
  params: { io: CliIo; deps: CliDeps; repo: RepoRef; label: string; json: boolean | undefined; missingHint?: string },
  work: (session: RepoSession) => Promise<CommandResult>,
): Promise<void> {
  const session = await openRepo(params);
  let result: CommandResult;
  try {
    result = await work(session);
  } finally {
    session.progress.stop();
  }
  params.io.out.write(params.json ? `${JSON.stringify(result.value, null, 2)}\n` : `${result.text.replace(/\n+$/, "")}\n`);
}
