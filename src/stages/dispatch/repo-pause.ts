import type { Config } from "../../config/schema.js";
import { readLedgerFile } from "./ledger-file.js";
import { ledgerLocation } from "./ledger-location.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";

/** Repositories whose dispatching is paused, kept next to the ledger so a pause survives restarts. */
export interface PauseFile {
  repos: Record<string, { by: string; since: string }>;
}

/** The pause file's path in the ledger directory. */
export function pausePath(directory: string): string {
  return `${directory.replace(/\/+$/, "")}/paused.json`;
}

/** Whether a repository is paused (by `/factory pause` outside an epic). */
export async function readRepoPause(params: { octokit: Octokit; config: Pick<Config, "ledger">; repo: RepoRef }): Promise<{ paused: boolean; by?: string; since?: string }> {
  const location = ledgerLocation({ config: params.config, owner: params.repo.owner });
  const file = await readLedgerFile({ octokit: params.octokit, location, path: pausePath(location.directory) });
  const entry = parsePauseFile(file.text).repos[`${params.repo.owner}/${params.repo.repo}`.toLowerCase()];
  return entry ? { paused: true, by: entry.by, since: entry.since } : { paused: false };
}

/** The pause file as written, or an empty one where it is missing or broken. */
export function parsePauseFile(text: string): PauseFile {
  try {
    const value = JSON.parse(text) as Partial<PauseFile>;
    return { repos: typeof value.repos === "object" && value.repos !== null ? { ...value.repos } : {} };
  } catch {
    return { repos: {} };
  }
}
