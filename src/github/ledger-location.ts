import type { Config } from "../config/schema.js";
import type { RepoRef } from "./octokit.js";

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
