import type { Action, AppliedAction } from "../../model/action.js";
import { addSubIssue } from "./add-sub-issue.js";
import { appendLedger } from "./append-ledger.js";
import { appendRecords } from "./append-records.js";
import { assignAgent } from "./assign-agent.js";
import { setRepoPause } from "./set-repo-pause.js";
import { appendEpicPhases } from "./append-epic-phases.js";
import { applyIssueAction } from "./apply-issue-action.js";
import { applyPullAction } from "./apply-pull-actions.js";
import { createBranch } from "./create-branch.js";
import { ensureRuleset } from "./ensure-ruleset.js";
import { editIssueBody } from "./edit-issue-body.js";
import type { ApplyActionsParams } from "./apply-actions-params.js";

export type { ApplyActionsParams } from "./apply-actions-params.js";

/**
 * The one executor: performs each action in order through Octokit, each
 * ensure-style. It stops at the first failure and rethrows it with the action
 * that failed, so the caller's error report can say what was and was not done.
 */
export async function applyActions(params: ApplyActionsParams): Promise<AppliedAction[]> {
  const applied: AppliedAction[] = [];
  for (const action of params.actions) {
    try {
      applied.push(await applyOne(params, action));
    } catch (error) {
      throw new Error(`Could not ${action.kind} (${action.key})`, { cause: error });
    }
  }
  return applied;
}

async function applyOne(params: ApplyActionsParams, action: Action): Promise<AppliedAction> {
  const { octokit, repo } = params;
  switch (action.kind) {
    case "addReaction":
    case "comment":
    case "ensureLabel":
    case "createIssue":
    case "addLabels":
    case "closeIssue":
      return applyIssueAction(params, action);
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
    case "assignAgent":
      return { action, outcome: await assignAgent({ octokit, repo, issue: action.issue, login: action.login }) };
    case "appendLedger":
      return appendLedger(octokit, action);
    case "appendRecords":
      return appendRecords(octokit, action);
    case "setRepoPause":
      return setRepoPause(octokit, action);
    case "enqueue":
      if (!params.followUps) throw new Error("this flow was given no queue for follow-up work");
      params.followUps(action.job);
      return { action, outcome: "done" };
  }
}
