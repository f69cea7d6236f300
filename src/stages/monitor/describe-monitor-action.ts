import type { Action } from "../../model/action.js";
import { codeSpan } from "../../model/code-span.js";
import { NUDGE_KINDS, type NudgeKind, type PullSnapshot } from "./pull-snapshot.js";
import { currentPull } from "./link-pulls.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import { nudgeSubject } from "./nudge-text.js";
import { allPulls, pullNumbered } from "./pull-numbered.js";

/**
 * One action a monitor pass planned, in words a maintainer understands —
 * "close #12 (its pull request #40 merged)", "tick #12 in the epic", "ask
 * the agent on #41 to fix the failing checks", "enable auto-merge (squash)
 * on #42", "open the epic's pull request, `epic/5-quality` into `main`" —
 * for `/factory sync --dry-run`. Pure: the snapshot the pass was planned
 * from supplies the why (which pull request merged, which one is the
 * epic's). Only numbers, Factory's own names and configured labels and
 * branches (in code spans) appear: no text written by agents or reviewers.
 */
export function describeMonitorAction(action: Action, snapshot: EpicMonitorSnapshot): string {
  const epic = snapshot.epic.number;
  const issue = (n: number) => (n === epic ? "the epic" : `#${n}`);
  switch (action.kind) {
    case "closeIssue": {
      const merged = action.issue === epic ? snapshot.epicPulls.find((pull) => pull.state === "MERGED") : mergedPullOf(snapshot, action.issue);
      const how = action.reason === "not_planned" ? " as not planned" : "";
      return `close ${issue(action.issue)}${how}${merged ? ` (its pull request #${merged.number} merged)` : ""}`;
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
      const base = pullNumbered(snapshot, action.pull)?.base;
      return `bring #${action.pull} up to date with ${base ? codeSpan(base) : "its base branch"}`;
    }
    case "enableAutoMerge": {
      const ofEpic = snapshot.epicPulls.some((pull) => pull.number === action.pull);
      const which = `${ofEpic ? "the epic's pull request " : ""}#${action.pull}`;
      return action.direct ? `merge ${which} (${action.method}): ${action.direct.reason}` : `enable auto-merge (${action.method}) on ${which}`;
    }
    case "enqueuePull": {
      const ofEpic = snapshot.epicPulls.some((pull) => pull.number === action.pull);
      return `add ${ofEpic ? "the epic's pull request " : ""}#${action.pull} to the merge queue`;
    }
    case "retargetPull": {
      const from = snapshot.wrongBase.find((wrong) => wrong.pull === action.pull)?.base;
      return `retarget #${action.pull}${from ? ` from ${codeSpan(from)}` : ""} to ${codeSpan(action.base)}`;
    }
    case "openPullRequest":
      return action.head === snapshot.epic.branch
        ? `open the epic's pull request, ${codeSpan(action.head)} into ${codeSpan(action.base)}`
        : `open a pull request, ${codeSpan(action.head)} into ${codeSpan(action.base)}`;
    case "deleteBranch":
      return `delete ${action.branch === snapshot.epic.branch ? "the epic's branch" : "the branch"} ${codeSpan(action.branch)}`;
    case "ensureCheckRun": {
      const pull = allPulls(snapshot).find((p) => p.headSha === action.headSha && p.state === "OPEN");
      return `${action.existing === undefined ? "add" : "update"} the "Factory" check run on ${pull ? `#${pull.number}` : `commit ${action.headSha.slice(0, 7)}`}`;
    }
    case "addReaction":
      return `react ${action.content} to comment ${action.commentId}`;
    case "ensureLabel":
      return `create the label ${codeSpan(action.name)} if it is missing`;
    case "createIssue":
      return `create the issue ${codeSpan(action.title)}`;
    case "ensureRuleset":
      return `keep the ruleset ${codeSpan(action.name)} on ${action.include.map((pattern) => codeSpan(pattern)).join(", ")}`;
    case "createBranch":
      return `create the branch ${codeSpan(action.branch)}`;
    case "addSubIssue":
      return `link #${action.child} as a sub-issue of ${issue(action.parent)}`;
    case "appendEpicPhases":
      return `add ${action.phases.length === 1 ? "a phase" : `${action.phases.length} phases`} to ${issue(action.epic)}`;
    case "editIssueBody":
      return `rewrite the body of ${issue(action.issue)}`;
    case "assignAgent":
      return `assign ${codeSpan(action.login)} to ${issue(action.issue)}`;
    case "appendLedger":
      return `pay for ${action.records.length === 1 ? "a dispatch" : `${action.records.length} dispatches`} in the ledger ${codeSpan(action.file.path)}`;
    case "appendRecords":
      return `record ${action.records.map((record) => `${record.kind ?? "line"} ${record.key}`).join(", ")} in ${codeSpan(action.file.path)}`;
    case "enqueue":
      return `dispatch the next phase of ${issue(action.job.epic)} in a job of its own`;
    case "setRepoPause":
      return `${action.paused ? "pause" : "resume"} dispatching in ${codeSpan(action.repo)}`;
  }
}

/** A comment, by the marker that identifies it: Factory's own comments each say one thing. */
function describeComment(action: Extract<Action, { kind: "comment" }>, issue: (n: number) => string): string {
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
    default:
      return `comment on ${issue(action.issue)}`;
  }
}

/** `#12`, `#12 and #13`, `#12, #13 and #14`. */
function numbers(list: readonly number[]): string {
  const refs = list.map((n) => `#${n}`);
  return refs.length <= 1 ? refs.join("") : `${refs.slice(0, -1).join(", ")} and ${refs[refs.length - 1]}`;
}

function mergedPullOf(snapshot: EpicMonitorSnapshot, child: number): PullSnapshot | undefined {
  const pull = currentPull(snapshot.children.get(child)?.pulls ?? []);
  return pull?.state === "MERGED" ? pull : undefined;
}
