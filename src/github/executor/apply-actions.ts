import type { Action, AppliedAction, ResolvedAction } from "../../model/action.js";
import { describeError } from "../../model/describe-error.js";
import { addSubIssue } from "./add-sub-issue.js";
import { appendLedger } from "./append-ledger.js";
import { appendRecords } from "./append-records.js";
import { assignAgent } from "./assign-agent.js";
import { startSession } from "./agent-session.js";
import { setRepoPause } from "./set-repo-pause.js";
import { appendEpicPhases } from "./append-epic-phases.js";
import { applyIssueAction } from "./apply-issue-action.js";
import { applyPullAction } from "./apply-pull-actions.js";
import { createBranch } from "./create-branch.js";
import { ensureRuleset } from "./ensure-ruleset.js";
import { editIssueBody } from "./edit-issue-body.js";
import { editComment } from "./edit-comment.js";
import { redeliver } from "./redeliver.js";
import { resolveRefs } from "./resolve-refs.js";
import type { ApplyActionsParams } from "./apply-actions-params.js";

export type { ApplyActionsParams } from "./apply-actions-params.js";

/**
 * The one executor: performs each action in order through Octokit, each
 * ensure-style, putting in the numbers of issues the plan created as it goes.
 * A refused compare-and-swap on the ledger stops the plan there (what follows
 * was to be paid for by it): the rest comes back `skipped`, for the flow to
 * re-read and plan again. A failure inside a unit skips the rest of that unit
 * and goes on; any other failure stops the plan and is rethrown with the
 * action that failed, so the caller's report can say what was and was not done.
 */
export async function applyActions(params: ApplyActionsParams): Promise<AppliedAction[]> {
  const applied: AppliedAction[] = [];
  const refs = new Map<string, number>();
  const declared = new Set(params.actions.flatMap((action) => (action.kind === "createIssue" && action.ref ? [action.ref] : [])));
  const failedUnits = new Set<string>();
  for (const [index, action] of params.actions.entries()) {
    if (action.unit !== undefined && failedUnits.has(action.unit)) {
      applied.push({ action, outcome: "skipped", reason: "an earlier step of it failed" });
      continue;
    }
    try {
      const result = { ...(await applyOne(params, resolveRefs(action, refs, declared))), action };
      if (action.kind === "createIssue" && action.ref && result.number !== undefined) refs.set(action.ref, result.number);
      applied.push(result);
      if (action.kind === "appendLedger" && result.outcome === "refused") {
        applied.push(...params.actions.slice(index + 1).map((rest) => ({ action: rest, outcome: "skipped" as const, reason: "its payment was refused" })));
        break;
      }
    } catch (error) {
      const failure = new Error(`Could not ${action.kind} (${action.key})`, { cause: error });
      if (action.unit === undefined) throw failure;
      failedUnits.add(action.unit);
      applied.push({ action, outcome: "failed", reason: describeError(failure) });
    }
  }
  return applied;
}

async function applyOne(params: ApplyActionsParams, action: ResolvedAction): Promise<AppliedAction> {
  const writer = action.as ? await writerFor(params, action.as) : params;
  const { octokit, repo } = writer;
  switch (action.kind) {
    case "addReaction":
    case "comment":
    case "ensureLabel":
    case "createIssue":
    case "addLabels":
    case "closeIssue":
      return applyIssueAction(writer, action);
    case "createBranch":
      return createBranch(octokit, repo, action);
    case "ensureRuleset":
      return ensureRuleset(octokit, repo, action);
    case "addSubIssue":
      return addSubIssue(octokit, repo, action);
    case "appendEpicPhases":
      return appendEpicPhases(octokit, repo, action);
    case "editIssueBody":
      return editIssueBody(octokit, repo, action);
    case "editComment":
      return editComment(writer, action);
    case "removeLabel":
    case "setTicks":
    case "resolveThreads":
    case "updateBranch":
    case "enableAutoMerge":
    case "enqueuePull":
    case "retargetPull":
    case "openPullRequest":
    case "deleteBranch":
    case "ensureCheckRun":
      return applyPullAction(octokit, repo, action);
    case "startSession":
      return { action, outcome: await startSession(params.agentApis, action) };
    case "assignAgent":
      return { action, outcome: await assignAgent({ octokit, repo, issue: action.issue, login: action.login, ...(action.agentAssignment ? { agentAssignment: action.agentAssignment } : {}) }) };
    case "appendLedger":
      return appendLedger(octokit, action);
    case "appendRecords":
      return appendRecords(octokit, action);
    case "setRepoPause":
      return setRepoPause(octokit, action);
    case "redeliver":
      return redeliver(octokit, action);
    case "enqueue":
      if (!params.followUps) throw new Error("this flow was given no queue for follow-up work");
      await params.followUps(action.job);
      return { action, outcome: "done" };
  }
}

/** The Octokit and login that write as a member, from the flow's `members`. */
async function writerFor(params: ApplyActionsParams, as: NonNullable<Action["as"]>): Promise<ApplyActionsParams> {
  if (!params.members) throw new Error(`this flow cannot write as a member (${as.tokenEnv})`);
  const member = await params.members(as);
  return { ...params, octokit: member.octokit, asMember: member.login };
}
