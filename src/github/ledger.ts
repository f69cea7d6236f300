import type { Config } from "../config/schema.js";
import { ledgerPath, parseLedger, serializeEntries, type LedgerEntry, type LedgerRelease } from "../model/dispatch/ledger-entry.js";
import { readLedgerFile } from "./ledger-file.js";
import { writeLedgerFile } from "./executor/write-ledger-file.js";
import { ledgerLocation, type LedgerLocation } from "./ledger-location.js";
import type { Octokit } from "./octokit.js";

/** A month of the ledger as read, with the sha a write must match. */
export interface LedgerSnapshot {
  location: LedgerLocation;
  path: string;
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
  return { location, path, entries: parsed.entries, releases: parsed.releases, unreadable: parsed.unreadable, text: file.text, sha: file.sha };
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

/** Appends entries with compare-and-swap on the month file's sha; `conflict` when another writer got there first. */
export async function appendLedger(params: { octokit: Octokit; snapshot: LedgerSnapshot; entries: ReadonlyArray<LedgerEntry | LedgerRelease> }): Promise<"written" | "conflict"> {
  const { snapshot } = params;
  const base = snapshot.text === "" || snapshot.text.endsWith("\n") ? snapshot.text : `${snapshot.text}\n`;
  return writeLedgerFile({
    octokit: params.octokit,
    location: snapshot.location,
    path: snapshot.path,
    text: base + serializeEntries(params.entries),
    sha: snapshot.sha,
    message: `factory: ${params.entries.map((entry) => `${entry.kind} ${entry.key}`).join(", ")}`,
  });
}
