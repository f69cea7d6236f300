import type { Config } from "../../config/schema.js";
import { readLedgerFile } from "../../github/ledger-file.js";
import { ledgerLocation } from "../../model/ledger-location.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { parsePauseFile, pausePath } from "../../model/pause-file.js";

/** Whether a repository is paused (by `/factory pause` outside an epic). */
export async function readRepoPause(params: { octokit: Octokit; config: Pick<Config, "ledger">; repo: RepoRef }): Promise<{ paused: boolean; by?: string; since?: string }> {
  const location = ledgerLocation({ config: params.config, owner: params.repo.owner });
  const file = await readLedgerFile({ octokit: params.octokit, location, path: pausePath(location.directory) });
  const entry = parsePauseFile(file.text).repos[`${params.repo.owner}/${params.repo.repo}`.toLowerCase()];
  return entry ? { paused: true, by: entry.by, since: entry.since } : { paused: false };
}
