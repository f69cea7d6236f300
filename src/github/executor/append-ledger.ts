import { serializeEntries } from "../../model/ledger-entry.js";
import type { AppliedAction, LedgerFileRef, ResolvedAction } from "../../model/action.js";
import type { LedgerLocation } from "../../model/ledger-location.js";
import type { Octokit } from "../octokit.js";
import { writeLedgerFile } from "./write-ledger-file.js";

/** Where `writeLedgerFile` writes `file`. */
export function locationOf(file: LedgerFileRef): LedgerLocation {
  return { repo: { owner: file.owner, repo: file.repo }, branch: file.branch, directory: file.path.slice(0, Math.max(0, file.path.lastIndexOf("/"))) };
}

/** `text` with a final newline, so the next line starts on its own. */
export function endLine(text: string): string {
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

/**
 * Pays for dispatches: the file as the plan read it plus the new records,
 * written only if the file is still what the plan read (compare-and-swap on
 * its sha, https://docs.github.com/en/rest/repos/contents#create-or-update-file-contents).
 * Two writers can never both pay from the same budget: the loser is
 * `refused` and plans again from the newer ledger.
 */
export async function appendLedger(octokit: Octokit, action: Extract<ResolvedAction, { kind: "appendLedger" }>): Promise<AppliedAction> {
  const text = endLine(action.read.text) + serializeEntries(action.records);
  const written = await writeLedgerFile({ octokit, location: locationOf(action.file), path: action.file.path, text, sha: action.read.sha, message: action.message });
  return written === "written" ? { action, outcome: "done" } : { action, outcome: "refused", reason: "the ledger changed since it was read" };
}
