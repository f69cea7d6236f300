import type { AppliedAction, ResolvedAction } from "../../model/action.js";
import type { Octokit } from "../octokit.js";
import { parsePauseFile } from "../../model/pause-file.js";
import { rewriteLedgerFile } from "./rewrite-ledger-file.js";

/**
 * Pauses or resumes a repository in the pause file beside the ledger,
 * ensure-style (`exists` when it already is so), with compare-and-swap on
 * the file and a re-read when another writer changed it.
 */
export async function setRepoPause(octokit: Octokit, action: Extract<ResolvedAction, { kind: "setRepoPause" }>): Promise<AppliedAction> {
  const key = action.repo.toLowerCase();
  const outcome = await rewriteLedgerFile({
    octokit,
    file: action.file,
    message: `factory: ${action.paused ? "pause" : "resume"} ${key}`,
    gaveUp: () => "The pause file kept changing; try again",
    edit: (text) => {
      const state = parsePauseFile(text);
      if (Boolean(state.repos[key]) === action.paused) return undefined;
      if (action.paused) state.repos[key] = { by: action.by, since: action.at };
      else delete state.repos[key];
      return `${JSON.stringify(state, null, 2)}\n`;
    },
  });
  return { action, outcome };
}
