import type { Action, IssueRef, MemberWriter } from "../model/action.js";
import { codeSpan } from "../model/code-span.js";
import { NUDGE_KINDS, type NudgeKind } from "./monitor/pull-snapshot.js";
import { nudgeSubject } from "./monitor/nudge-text.js";

/**
 * What a flow knows about the actions it describes, to say why: the epic it
 * works on, which pull request merged, each pull request's base. All
 * optional: without them the words are plainer, never wrong.
 */
export interface DescribeContext {
  /** Called "the epic" instead of by number. */
  epic?: number;
  epicBranch?: string;
  /** The epic's own pull requests (into the default branch). */
  epicPulls?: ReadonlySet<number>;
  /** The pull request whose merge closes this issue, if one merged. */
  mergedPullOf?: (issue: number) => number | undefined;
  /** A pull request's base branch. */
  baseOf?: (pull: number) => string | undefined;
  /** The base a pull request is on before it is retargeted. */
  retargetedFrom?: (pull: number) => string | undefined;
  /** The open pull request at a head commit. */
  pullAtHead?: (sha: string) => number | undefined;
}

/**
 * The one dry-run describer: every planned action, in the words a maintainer
 * understands — "close #12 (its pull request #40 merged)", "tick #12 in the
 * epic", "create the issue `epic(security): …`", "pay for 3 dispatches in the
 * ledger …". Issues the plan creates itself are named by their titles. Only
 * numbers, Factory's own names and configured labels and branches (in code
 * spans) appear: no text written by agents or reviewers.
 */
export function describeActions(actions: readonly Action[], context: DescribeContext = {}): string[] {
  const titles = new Map(actions.flatMap((action) => (action.kind === "createIssue" && action.ref ? [[action.ref, action.title] as const] : [])));
  const issue = (ref: IssueRef) => (typeof ref !== "number" ? `the new issue ${codeSpan(titles.get(ref.ref) ?? ref.ref)}` : ref === context.epic ? "the epic" : `#${ref}`);
  return actions.map((action) => `${describeEffect(action, context, issue)}${action.as ? writer(action.as) : ""}`);
}

/** One action in words ({@link describeActions}). */
export function describeAction(action: Action, context: DescribeContext = {}): string {
  return describeActions([action], context)[0] as string;
}

function writer(as: MemberWriter): string {
  return as.login ? ` (as @${as.login})` : ` (as the owner of ${codeSpan(as.tokenEnv)})`;
}

function describeEffect(action: Action, context: DescribeContext, issue: (ref: IssueRef) => string): string {
  const ofEpic = (pull: number) => (context.epicPulls?.has(pull) ? "the epic's pull request " : "");
  switch (action.kind) {
    case "closeIssue": {
      const merged = typeof action.issue === "number" ? context.mergedPullOf?.(action.issue) : undefined;
      const how = action.reason === "not_planned" ? " as not planned" : "";
      return `close ${issue(action.issue)}${how}${merged !== undefined ? ` (its pull request #${merged} merged)` : ""}`;
    }
    case "setTicks": {
      const parts: string[] = [];
      if (action.tick.length > 0) parts.push(`tick ${numbers(action.tick)} in ${issue(action.epic)}`);
      if (action.untick.length > 0) parts.push(`untick ${numbers(action.untick)} in ${issue(action.epic)} (open again)`);
      return parts.join("; ");
    }
    case "comment":
      return describeComment(action, issue);
    case "addLabels":
      return `label ${issue(action.issue)} ${action.labels.map((label) => codeSpan(label)).join(", ")}`;
    case "removeLabel":
      return `take ${codeSpan(action.label)} off ${issue(action.issue)}`;
    case "resolveThreads":
      return `resolve the ${action.threads.length} review thread${action.threads.length === 1 ? "" : "s"} on #${action.pull} that its new commit answered`;
    case "updateBranch": {
      const base = context.baseOf?.(action.pull);
      return `bring #${action.pull} up to date with ${base ? codeSpan(base) : "its base branch"}`;
    }
    case "enableAutoMerge": {
      const which = `${ofEpic(action.pull)}#${action.pull}`;
      return action.direct ? `merge ${which} (${action.method}): ${action.direct.reason}` : `enable auto-merge (${action.method}) on ${which}`;
    }
    case "enqueuePull":
      return `add ${ofEpic(action.pull)}#${action.pull} to the merge queue`;
    case "retargetPull": {
      const from = context.retargetedFrom?.(action.pull);
      return `retarget #${action.pull}${from ? ` from ${codeSpan(from)}` : ""} to ${codeSpan(action.base)}`;
    }
    case "openPullRequest":
      return action.head === context.epicBranch
        ? `open the epic's pull request, ${codeSpan(action.head)} into ${codeSpan(action.base)}`
        : `open a pull request, ${codeSpan(action.head)} into ${codeSpan(action.base)}`;
    case "deleteBranch":
      return `delete ${action.branch === context.epicBranch ? "the epic's branch" : "the branch"} ${codeSpan(action.branch)}`;
    case "ensureCheckRun": {
      const pull = context.pullAtHead?.(action.headSha);
      return `${action.existing === undefined ? "add" : "update"} the "Factory" check run on ${pull !== undefined ? `#${pull}` : `commit ${action.headSha.slice(0, 7)}`}`;
    }
    case "addReaction":
      return `react ${action.content} to comment ${action.commentId}`;
    case "ensureLabel":
      return `create the label ${codeSpan(action.name)} if it is missing`;
    case "createIssue":
      return `create the issue ${codeSpan(action.title)}${action.labels.length > 0 ? ` labelled ${action.labels.map((label) => codeSpan(label)).join(", ")}` : ""}`;
    case "ensureRuleset":
      return `keep the ruleset ${codeSpan(action.name)} on ${action.include.map((pattern) => codeSpan(pattern)).join(", ")}`;
    case "createBranch":
      return `create the branch ${codeSpan(action.branch.replace(/\u27e6[^\u27e7]*\u27e7/g, "<number>"))} at ${action.sha.slice(0, 7)}`;
    case "addSubIssue":
      return `link #${action.child} as a sub-issue of ${issue(action.parent)}`;
    case "appendEpicPhases":
      return `add ${action.phases.length === 1 ? "a phase" : `${action.phases.length} phases`} to ${issue(action.epic)}`;
    case "editIssueBody":
      return `rewrite the body of ${issue(action.issue)}`;
    case "editComment":
      return `rewrite Factory's comment ${action.commentId} on ${issue(action.issue)}`;
    case "startSession":
      return `start a ${action.session.api} session for ${issue(action.issue)} from ${codeSpan(action.startingBranch)}`;
    case "assignAgent":
      return `assign ${codeSpan(action.login)} to ${issue(action.issue)}${action.agentAssignment ? `, to start from ${codeSpan(action.agentAssignment.baseBranch)}` : ""}`;
    case "appendLedger":
      return `pay for ${action.records.length === 1 ? "a dispatch" : `${action.records.length} dispatches`} in the ledger ${codeSpan(action.file.path)}`;
    case "appendRecords":
      return `record ${action.records.map((record) => `${record.kind ?? "line"} ${record.key}`).join(", ")} in ${codeSpan(action.file.path)}`;
    case "enqueue":
      return `dispatch the next phase of ${issue(action.job.epic)} in a job of its own`;
    case "redeliver":
      return `ask GitHub to deliver ${codeSpan(action.event)} ${action.guid} to Factory again`;
    case "setRepoPause":
      return `${action.paused ? "pause" : "resume"} dispatching in ${codeSpan(action.repo)}`;
  }
}

/** A comment, by the marker that identifies it: Factory's own comments each say one thing. */
function describeComment(action: Extract<Action, { kind: "comment" }>, issue: (ref: IssueRef) => string): string {
  const { fields } = action.marker;
  switch (action.marker.kind) {
    case "nudge": {
      const kind = NUDGE_KINDS.find((k): k is NudgeKind => k === fields.kind);
      return `ask the agent on #${action.issue} to fix ${kind ? nudgeSubject(kind) : "its pull request"}`;
    }
    case "child-done": {
      const more = Number(fields.more ?? 0);
      const done = more > 0 ? `${fields.child} and ${more} more child${more === 1 ? "" : "ren"} are` : `${fields.child} is`;
      return `comment on ${issue(action.issue)} that ${done} done, with its progress`;
    }
    case "pr-closed":
      return `comment on ${issue(action.issue)} that ${fields.pr} was closed without merging, and how to retry`;
    case "escalated":
      return `comment on ${issue(action.issue)} that ${fields.pr} needs a person`;
    case "phase-ready":
      return `comment on ${issue(action.issue)} that phase ${fields.phase} is ready for \`/factory dispatch next\``;
    case "epic-pr-ready":
      return `comment on ${issue(action.issue)} that ${fields.pr} is ready for a person to merge (\`merge.auto\` is off)`;
    case "epic-done":
      return `comment on ${issue(action.issue)} that it is done`;
    case "parent":
      return `comment on ${issue(action.issue)} which epic it belongs to`;
    case "epic-ready":
      return `comment on ${issue(action.issue)} that it is ready for \`/factory dispatch next\``;
    case "dispatch":
      return `comment on ${issue(action.issue)} its target branch and whose quota pays`;
    case "agent-mention":
      return `mention the agent on ${issue(action.issue)} with its target branch`;
    default:
      return `comment on ${issue(action.issue)}`;
  }
}

/** `#12`, `#12 and #13`, `#12, #13 and #14`. */
function numbers(list: readonly number[]): string {
  const refs = list.map((n) => `#${n}`);
  return refs.length <= 1 ? refs.join("") : `${refs.slice(0, -1).join(", ")} and ${refs[refs.length - 1]}`;
}
