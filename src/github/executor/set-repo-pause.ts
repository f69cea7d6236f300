import type { Action, AppliedAction } from "../../model/action.js";
import { readLedgerFile } from "../../stages/dispatch/ledger-file.js";
import type { Octokit } from "../octokit.js";
import { parsePauseFile } from "../../stages/dispatch/repo-pause.js";
import { locationOf } from "./append-ledger.js";
import { writeLedgerFile } from "./write-ledger-file.js";

/**
 * Pauses or resumes a repository in the pause file beside the ledger,
 * ensure-style (`exists` when it already is so), with compare-and-swap on
 * the file and a re-read when another writer changed it.
 */
export async function setRepoPause(octokit: Octokit, action: Extract<Action, { kind: "setRepoPause" }>): Promise<AppliedAction> {
  const location = locationOf(action.file);
  const key = action.repo.toLowerCase();
  for (let attempt = 0; attempt < 5; attempt++) {
    const file = await readLedgerFile({ octokit, location, path: action.file.path });
    const state = parsePauseFile(file.text);
    if (Boolean(state.repos[key]) === action.paused) return { action, outcome: "exists" };
    if (action.paused) state.repos[key] = { by: action.by, since: action.at };
    else delete state.repos[key];
    const text = `${JSON.stringify(state, null, 2)}\n`;
    const message = `factory: ${action.paused ? "pause" : "resume"} ${key}`;
    if ((await writeLedgerFile({ octokit, location, path: action.file.path, text, sha: file.sha, message })) === "written") return { action, outcome: "done" };
  }
  throw new Error("The pause file kept changing; try again");
}
