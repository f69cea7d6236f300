import type { Action, AppliedAction } from "../../model/action.js";
import type { FollowUp } from "../../model/follow-up.js";
import { isAuthor, isFactoryAuthor, restAuthor, type FactoryIdentity } from "../../model/authorship.js";
import { findMarker, renderMarker } from "../../model/markers.js";
import { addSubIssue } from "./add-sub-issue.js";
import { appendLedger } from "./append-ledger.js";
import { appendRecords } from "./append-records.js";
import { assignAgent } from "./assign-agent.js";
import { setRepoPause } from "./set-repo-pause.js";
import { appendEpicPhases } from "./append-epic-phases.js";
import { applyPullAction } from "./apply-pull-actions.js";
import { createBranch } from "./create-branch.js";
import { ensureRuleset } from "./ensure-ruleset.js";
import { createOnce } from "./create-once.js";
import { editIssueBody } from "./edit-issue-body.js";
import type { Octokit, RepoRef } from "../octokit.js";

/** Inputs of {@link applyActions}. */
export interface ApplyActionsParams {
  octokit: Octokit;
  repo: RepoRef;
  actions: readonly Action[];
  /** Factory's own account: only what it wrote counts as an effect already there. */
  identity: FactoryIdentity;
  /** The member whose token `octokit` carries, when it writes as a person instead of the app. */
  asMember?: string;
  /** Where `enqueue` actions go: the queue that runs follow-up jobs. */
  followUps?: (job: FollowUp) => void;
}

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
    case "addReaction": {
      // GitHub answers 200 instead of 201 when the reaction already exists, so
      // the request itself is the ensure.
      const response = await octokit.rest.reactions.createForIssueComment({
        ...repo,
        comment_id: action.commentId,
        content: action.content,
      });
      return { action, outcome: response.status === 201 ? "done" : "exists", id: response.data.id };
    }
    case "comment": {
      const existing = await findCommentWithMarker(params, action);
      if (existing !== undefined) return { action, outcome: "exists", id: existing };
      const body = `${action.body.trimEnd()}\n\n${renderMarker(action.marker)}\n`;
      const id = await createOnce({
        create: async () => (await octokit.rest.issues.createComment({ ...repo, issue_number: action.issue, body })).data.id,
        landed: () => findCommentWithMarker(params, action),
      });
      return { action, outcome: "done", id };
    }
    case "ensureLabel": {
      try {
        await octokit.rest.issues.createLabel({ ...repo, name: action.name, color: action.color, description: action.description });
        return { action, outcome: "done" };
      } catch (error) {
        // 422 already_exists: someone (or a parallel run) made it first, which is what we wanted.
        if ((error as { status?: number }).status === 422) return { action, outcome: "exists" };
        throw error;
      }
    }
    case "createIssue": {
      const marker = renderMarker(action.marker);
      const body = action.body.includes(marker) ? action.body : `${action.body.trimEnd()}\n\n${marker}\n`;
      // The flow looked for this marker before planning; after an unknown outcome the executor looks again.
      const issue = await createOnce({
        create: async () => {
          const { data } = await octokit.rest.issues.create({ ...repo, title: action.title, body, labels: action.labels });
          return { id: data.id, number: data.number };
        },
        landed: () => findIssueWithMarker(params, action),
      });
      return { action, outcome: "done", ...issue };
    }
    case "addLabels": {
      await octokit.rest.issues.addLabels({ ...repo, issue_number: action.issue, labels: action.labels });
      return { action, outcome: "done" };
    }
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
    case "closeIssue": {
      // Planned only for an issue the flow saw open; closing a closed issue again would be harmless anyway.
      await octokit.rest.issues.update({ ...repo, issue_number: action.issue, state: "closed", state_reason: action.reason });
      return { action, outcome: "done" };
    }
  }
}

/** Whether Factory's writer for this run (its app, or the member it writes as) wrote a text. */
function byWriter(params: ApplyActionsParams, item: Parameters<typeof restAuthor>[0]): boolean {
  const author = restAuthor(item);
  return params.asMember === undefined ? isFactoryAuthor(author, params.identity) : isAuthor(author, params.asMember);
}

/**
 * The issue an earlier attempt at this action created, if any: one carrying
 * its marker, opened by the same writer. Only the newest issues are read — a
 * write that landed a moment ago is among them.
 * https://docs.github.com/en/rest/issues/issues#list-repository-issues
 */
async function findIssueWithMarker(
  params: ApplyActionsParams,
  action: Extract<Action, { kind: "createIssue" }>,
): Promise<{ id: number; number: number } | undefined> {
  const { data } = await params.octokit.rest.issues.listForRepo({ ...params.repo, state: "all", sort: "created", direction: "desc", per_page: 100 });
  const issue = data.find(
    (candidate) => !candidate.pull_request && byWriter(params, candidate) && findMarker(candidate.body, action.marker.kind, action.marker.fields),
  );
  return issue ? { id: issue.id, number: issue.number } : undefined;
}

/**
 * The comment this action already posted, if any: one carrying its marker
 * and written by the same writer (Factory's app, or the member it wrote as).
 * A marker anyone else typed is text, so a forged one never stops a write.
 */
async function findCommentWithMarker(params: ApplyActionsParams, action: Extract<Action, { kind: "comment" }>): Promise<number | undefined> {
  const { octokit, repo } = params;
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: action.issue,
    per_page: 100,
    ...(action.since ? { since: action.since } : {}),
  });
  for await (const page of pages) {
    for (const comment of page.data) {
      if (byWriter(params, comment) && findMarker(comment.body, action.marker.kind, action.marker.fields)) return comment.id;
    }
  }
  return undefined;
}
