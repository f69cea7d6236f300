import type { Config } from "../config/schema.js";
import type { LedgerFileRef } from "./action.js";
import type { RepoRef } from "../github/octokit.js";

/** Where the organisation's ledger lives: a repository (same owner unless `owner/name`) and a branch. */
export interface LedgerLocation {
  repo: RepoRef;
  branch: string;
  directory: string;
}

/** Resolves `ledger.repo` against the owner of the repository Factory is working in. */
export function ledgerLocation(params: { config: Pick<Config, "ledger">; owner: string }): LedgerLocation {
  const [first, second] = params.config.ledger.repo.split("/");
  const repo = second === undefined ? { owner: params.owner, repo: first as string } : { owner: first as string, repo: second };
  return { repo, branch: params.config.ledger.branch, directory: params.config.ledger.directory };
}

/** The file at `path` on the ledger's branch, as actions name it. */
export function ledgerFileAt(location: LedgerLocation, path: string): LedgerFileRef {
  return { owner: location.repo.owner, repo: location.repo.repo, branch: location.branch, path };
}

/** The file `name` (e.g. `journal-2026-11.jsonl`) in the ledger's directory, as actions name it. */
export function ledgerFile(location: LedgerLocation, name: string): LedgerFileRef {
  return ledgerFileAt(location, `${location.directory.replace(/\/+$/, "")}/${name}`);
}
