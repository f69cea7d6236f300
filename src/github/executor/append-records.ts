import { serializeEntries } from "../../model/ledger-entry.js";
import type { AppliedAction, ResolvedAction } from "../../model/action.js";
import type { Octokit } from "../octokit.js";
import { endLine } from "./append-ledger.js";
import { rewriteLedgerFile } from "./rewrite-ledger-file.js";

/** The `kind:key` of every JSON line in `text`; other lines are left alone. */
function keysIn(text: string): Set<string> {
  const keys = new Set<string>();
  for (const line of text.split("\n")) {
    try {
      const value = JSON.parse(line) as { key?: unknown; kind?: unknown };
      if (typeof value.key === "string") keys.add(`${String(value.kind ?? "")}:${value.key}`);
    } catch {
      // Not a JSON line; it stays as it is.
    }
  }
  return keys;
}

/**
 * Appends JSON records to a file beside the ledger (releases, the journal),
 * ensure-style: a record whose `kind` and `key` are already in the file is
 * not written again, so a redelivered event or a repeated sweep never
 * duplicates one. Compare-and-swap on the file's sha, re-read and retried
 * when another writer got there first. `exists` when nothing was new.
 */
export async function appendRecords(octokit: Octokit, action: Extract<ResolvedAction, { kind: "appendRecords" }>): Promise<AppliedAction> {
  const outcome = await rewriteLedgerFile({
    octokit,
    file: action.file,
    message: action.message,
    gaveUp: (attempts) => `${action.file.path} kept changing under ${attempts} attempts to append to it`,
    edit: (text) => {
      const keys = keysIn(text);
      const fresh = action.records.filter((record) => !keys.has(`${record.kind ?? ""}:${record.key}`));
      return fresh.length === 0 ? undefined : endLine(text) + serializeEntries(fresh);
    },
  });
  return { action, outcome };
}
