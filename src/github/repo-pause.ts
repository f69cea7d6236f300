import type { Config } from "../config/schema.js";
import { readLedgerFile } from "./ledger-file.js";
import { writeLedgerFile } from "./executor/write-ledger-file.js";
import { ledgerLocation } from "./ledger-location.js";
import type { Octokit, RepoRef } from "./octokit.js";

/** Repositories whose dispatching is paused, kept next to the ledger so a pause survives restarts. */
interface PauseFile {
  repos: Record<string, { by: string; since: string }>;
}

function pausePath(directory: string): string {
  return `${directory.replace(/\/+$/, "")}/paused.json`;
}

/** Whether a repository is paused (by `/factory pause` outside an epic). */
export async function readRepoPause(params: { octokit: Octokit; config: Pick<Config, "ledger">; repo: RepoRef }): Promise<{ paused: boolean; by?: string; since?: string }> {
  const location = ledgerLocation({ config: params.config, owner: params.repo.owner });
  const file = await readLedgerFile({ octokit: params.octokit, location, path: pausePath(location.directory) });
  const entry = parse(file.text).repos[`${params.repo.owner}/${params.repo.repo}`.toLowerCase()];
  return entry ? { paused: true, by: entry.by, since: entry.since } : { paused: false };
}

/** Pauses or resumes a repository, with compare-and-swap on the file; returns whether anything changed. */
export async function setRepoPause(params: {
  octokit: Octokit;
  config: Pick<Config, "ledger">;
  repo: RepoRef;
  paused: boolean;
  by: string;
  now: Date;
}): Promise<boolean> {
  const location = ledgerLocation({ config: params.config, owner: params.repo.owner });
  const path = pausePath(location.directory);
  const key = `${params.repo.owner}/${params.repo.repo}`.toLowerCase();
  for (let attempt = 0; attempt < 5; attempt++) {
    const file = await readLedgerFile({ octokit: params.octokit, location, path });
    const state = parse(file.text);
    if (Boolean(state.repos[key]) === params.paused) return false;
    if (params.paused) state.repos[key] = { by: params.by, since: params.now.toISOString() };
    else delete state.repos[key];
    const written = await writeLedgerFile({
      octokit: params.octokit,
      location,
      path,
      text: `${JSON.stringify(state, null, 2)}\n`,
      sha: file.sha,
      message: `factory: ${params.paused ? "pause" : "resume"} ${key}`,
    });
    if (written === "written") return true;
  }
  throw new Error("The pause file kept changing; try again");
}

function parse(text: string): PauseFile {
  try {
    const value = JSON.parse(text) as Partial<PauseFile>;
    return { repos: typeof value.repos === "object" && value.repos !== null ? { ...value.repos } : {} };
  } catch {
    return { repos: {} };
  }
}
