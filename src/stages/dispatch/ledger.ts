import type { LedgerFileRef } from "../../model/action.js";
import type { Config } from "../../config/schema.js";
import { ledgerPath, parseLedger, type LedgerEntry, type LedgerRelease } from "../../model/ledger-entry.js";
import { readLedgerFile } from "../../github/ledger-file.js";
import { ledgerFileAt, ledgerLocation, type LedgerLocation } from "../../model/ledger-location.js";
import type { Octokit } from "../../github/octokit.js";

/** A month of the ledger as read, with the sha a write must match. */
export interface LedgerSnapshot {
  location: LedgerLocation;
  path: string;
  /** The month's file, as actions that write it name it. */
  file: LedgerFileRef;
  entries: LedgerEntry[];
  releases: LedgerRelease[];
  unreadable: number;
  text: string;
  sha: string | undefined;
}

/** Reads the ledger month that `now` falls in. */
export async function readLedger(params: { octokit: Octokit; config: Pick<Config, "ledger">; owner: string; now: Date }): Promise<LedgerSnapshot> {
  const location = ledgerLocation({ config: params.config, owner: params.owner });
  const path = ledgerPath({ directory: location.directory, date: params.now });
  const file = await readLedgerFile({ octokit: params.octokit, location, path });
  const parsed = parseLedger(file.text);
  return { location, path, file: ledgerFileAt(location, path), entries: parsed.entries, releases: parsed.releases, unreadable: parsed.unreadable, text: file.text, sha: file.sha };
}

/** Reads the last `days` UTC days, across month files. */
export async function readLedgerDays(params: { octokit: Octokit; config: Pick<Config, "ledger">; owner: string; now: Date; days: number }): Promise<LedgerEntry[]> {
  const months = new Set<string>();
  for (let day = 0; day < params.days; day++) months.add(new Date(params.now.getTime() - day * 86_400_000).toISOString().slice(0, 7));
  const entries: LedgerEntry[] = [];
  for (const month of [...months].sort()) {
    const snapshot = await readLedger({ ...params, now: new Date(`${month}-15T00:00:00Z`) });
    entries.push(...snapshot.entries);
  }
  return entries;
}
