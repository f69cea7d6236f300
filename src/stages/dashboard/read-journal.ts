import type { Config } from "../../config/schema.js";
import type { JournalRecord } from "../monitor/plan-monitor.js";
import { readLedgerFile } from "../../github/ledger-file.js";
import { ledgerLocation } from "../../model/ledger-location.js";
import type { Octokit } from "../../github/octokit.js";

/**
 * Journal records of this month and the two before (enough for a weekly
 * trend), for one repository (`repo` as `owner/name`) or the whole
 * organisation. Lines a person broke are skipped.
 */
export async function readJournal(params: { octokit: Octokit; config: Pick<Config, "ledger">; owner: string; repo?: string; now: Date }): Promise<JournalRecord[]> {
  const location = ledgerLocation({ config: params.config, owner: params.owner });
  const records: JournalRecord[] = [];
  const wanted = params.repo?.toLowerCase();
  for (const back of [2, 1, 0]) {
    const month = new Date(Date.UTC(params.now.getUTCFullYear(), params.now.getUTCMonth() - back, 15)).toISOString().slice(0, 7);
    const file = await readLedgerFile({ octokit: params.octokit, location, path: `${location.directory.replace(/\/+$/, "")}/journal-${month}.jsonl` });
    for (const line of file.text.split("\n")) {
      if (!line.trim()) continue;
      try {
        const record = JSON.parse(line) as JournalRecord;
        if (record.kind === "child" && (wanted === undefined || record.repo.toLowerCase() === wanted)) records.push(record);
      } catch {
        // A line a person broke is skipped.
      }
    }
  }
  return records;
}
