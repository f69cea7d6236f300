import { serializeEntries } from "../../stages/dispatch/ledger-entry.js";
import type { Action, AppliedAction } from "../../model/action.js";
import { readLedgerFile } from "../../stages/dispatch/ledger-file.js";
import type { Octokit } from "../octokit.js";
import { endLine, locationOf } from "./append-ledger.js";
import { writeLedgerFile } from "./write-ledger-file.js";

/** Attempts at a compare-and-swap append before giving up. */
const ATTEMPTS = 5;

/**
 * Appends JSON records to a file beside the ledger (releases, the journal),
 * ensure-style: a record whose `kind` and `key` are already in the file is
 * not written again, so a redelivered event or a repeated sweep never
 * duplicates one. Compare-and-swap on the file's sha, re-read and retried
 * when another writer got there first. `exists` when nothing was new.
 */
export async function appendRecords(octokit: Octokit, action: Extract<Action, { kind: "appendRecords" }>): Promise<AppliedAction> {
  const location = locationOf(action.file);
  const path = action.file.path;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await readLedgerFile({ octokit, location, path });
    const keys = new Set<string>();
    for (const line of current.text.split("\n")) {
      try {
        const value = JSON.parse(line) as { key?: unknown; kind?: unknown };
        if (typeof value.key === "string") keys.add(`${String(value.kind ?? "")}:${value.key}`);
      } catch {
        // Not a JSON line; it stays as it is.
      }
    }
    const fresh = action.records.filter((record) => !keys.has(`${record.kind ?? ""}:${record.key}`));
    if (fresh.length === 0) return { action, outcome: "exists" };
    const text = endLine(current.text) + serializeEntries(fresh);
    if ((await writeLedgerFile({ octokit, location, path, text, sha: current.sha, message: action.message })) === "written") return { action, outcome: "done" };
  }
  throw new Error(`${path} kept changing under ${ATTEMPTS} attempts to append to it`);
}
