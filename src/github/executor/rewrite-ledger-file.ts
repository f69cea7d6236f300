import type { LedgerFileRef } from "../../model/action.js";
import { readLedgerFile } from "../ledger-file.js";
import type { Octokit } from "../octokit.js";
import { locationOf } from "./append-ledger.js";
import { writeLedgerFile } from "./write-ledger-file.js";

/** Attempts at a compare-and-swap rewrite before giving up. */
const ATTEMPTS = 5;

/**
 * Rewrites a file beside the ledger, ensure-style, with compare-and-swap on
 * its sha: `edit` turns the current text into the new one, or answers
 * `undefined` when the file already holds what it should (`exists`). A write
 * another writer beat is re-read and edited again, at most
 * {@link ATTEMPTS} times; then `gaveUp` is thrown.
 */
export async function rewriteLedgerFile(params: {
  octokit: Octokit;
  file: LedgerFileRef;
  message: string;
  edit: (text: string) => string | undefined;
  /** The error when every attempt was beaten, given the number of attempts. */
  gaveUp: (attempts: number) => string;
}): Promise<"done" | "exists"> {
  const location = locationOf(params.file);
  const path = params.file.path;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await readLedgerFile({ octokit: params.octokit, location, path });
    const text = params.edit(current.text);
    if (text === undefined) return "exists";
    if ((await writeLedgerFile({ octokit: params.octokit, location, path, text, sha: current.sha, message: params.message })) === "written") return "done";
  }
  throw new Error(params.gaveUp(ATTEMPTS));
}
