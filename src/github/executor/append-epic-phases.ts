import type { AppliedAction, ResolvedAction } from "../../model/action.js";
import { childrenOf } from "../../model/epic-document.js";
import { insertPhases } from "../../model/insert-phases.js";
import { parseEpicBody } from "../../model/parse-epic-body.js";
import type { Octokit, RepoRef } from "../octokit.js";

/** Attempts before giving up on a body that keeps changing under us. */
const ATTEMPTS = 3;

/**
 * Adds phases to an epic body without losing anyone's edit: it re-reads the
 * body right before writing, inserts only children not listed yet, writes,
 * then reads again to verify every child it added is there — another writer
 * (a person, or a second Factory job) may have saved in between, in which
 * case it tries again on the newer body.
 */
export async function appendEpicPhases(
  octokit: Octokit,
  repo: RepoRef,
  action: Extract<ResolvedAction, { kind: "appendEpicPhases" }>,
): Promise<AppliedAction> {
  const wanted = action.phases.flatMap((phase) => phase.children.map((child) => child.number));
  let wrote = false;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: action.epic });
    const next = insertPhases(data.body ?? "", action.phases);
    if (next === undefined) return { action, outcome: wrote ? "done" : "exists" };
    await octokit.rest.issues.update({ ...repo, issue_number: action.epic, body: next });
    wrote = true;
    const { data: after } = await octokit.rest.issues.get({ ...repo, issue_number: action.epic });
    const listed = new Set(childrenOf(parseEpicBody(after.body ?? "")).map((child) => child.number));
    if (wanted.every((number) => listed.has(number))) return { action, outcome: "done" };
  }
  throw new Error(`Epic #${action.epic} kept changing while Factory added children to it; nothing was lost, run the command again`);
}
