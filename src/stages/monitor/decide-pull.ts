import type { Config } from "../../config/schema.js";
import { nudgeSubject } from "./nudge-text.js";
import { answeredReviews, checksPassed, type NudgeKind, type PullSnapshot } from "./pull-snapshot.js";

/** The one next thing to do about a pull request. */
export type PullDecision =
  | { kind: "wait"; reason: string }
  | { kind: "nudge"; nudge: NudgeKind; failing: string[] }
  /** The pull request's agent did not resolve its conflict: `monitor.conflictResolver` is asked to. */
  | { kind: "resolveConflict"; resolver: string }
  | { kind: "resolveThreads"; threads: string[] }
  | { kind: "updateBranch" }
  | {
      kind: "enableAutoMerge";
      /**
       * Why Factory merges at once instead of arming auto-merge, when GitHub
       * would refuse auto-merge for a reason the snapshot already shows.
       */
      direct?: string;
    }
  | { kind: "enqueue" }
  | { kind: "escalate"; reason: string };

const FAILED = new Set(["FAILURE", "TIMED_OUT", "CANCELLED", "ACTION_REQUIRED", "STARTUP_FAILURE", "STALE"]);

/**
 * The pull-request state machine (SPEC §1.4), pure. From structural state
 * and Factory's own earlier requests it decides one next step:
 * - a new head commit after a request about reviews → resolve the threads
 *   opened before that commit (the commit is the answer);
 * - failing checks, changes requested or unresolved threads, or a conflict →
 *   ask the agent, once: a request about the current head commit is not
 *   repeated, and is escalated when unanswered past `nudgeTimeoutHours`, or
 *   when `nudgeAttempts` requests about the same problem have not fixed it;
 * - green, approved, no unresolved threads but behind → update the branch;
 * - green, approved, no unresolved threads → auto-merge (or merge now, when
 *   Factory merges itself), when `merge.auto` is on.
 */
export function decidePull(params: {
  pull: PullSnapshot;
  config: Pick<Config, "monitor" | "merge">;
  now: Date;
  /**
   * Another pull request of the same epic holds the merge slot (Factory's own
   * queue: one pull request per epic is brought up to date and merged at a
   * time, so each merge does not make every other one rerun CI).
   */
  mergeBusy?: boolean;
}): PullDecision {
  const { pull, config } = params;
  if (pull.state !== "OPEN") return { kind: "wait", reason: `the pull request is ${pull.state.toLowerCase()}` };
  if (pull.labels.some((label) => label.toLowerCase() === config.monitor.escalationLabel.toLowerCase())) {
    return { kind: "wait", reason: "escalated: a person has it" };
  }
  if (pull.isDraft) return { kind: "wait", reason: "still a draft" };
  const headTime = Date.parse(pull.headCommittedAt);
  const answered = answeredReviews(pull);
  // GitHub times have a second's grain: a thread from the same second as the answering commit is older than it.
  // A thread whose time was not read is never taken as answered.
  const stale = pull.unresolvedThreads.filter((thread) => thread.createdAt !== undefined && Date.parse(thread.createdAt) <= headTime);
  if (answered && stale.length > 0) return { kind: "resolveThreads", threads: stale.map((thread) => thread.id) };

  const failing = pull.checks.filter((check) => check.status === "COMPLETED" && FAILED.has(check.conclusion ?? "")).map((check) => check.name);
  const pending = pull.checks.some((check) => check.status !== "COMPLETED");
  const conflict = pull.mergeable === "CONFLICTING" || pull.mergeStateStatus === "DIRTY";
  const changesRequested = pull.reviewDecision === "CHANGES_REQUESTED" && !answered;
  const problem: NudgeKind | undefined =
    failing.length > 0 ? "checks" : pull.unresolvedThreads.length > 0 || changesRequested ? "reviews" : conflict ? "conflict" : undefined;

  if (problem) {
    const open = pull.nudges.filter((nudge) => nudge.sha === pull.headSha);
    const last = open[open.length - 1];
    // A conflict the agent could not (or did not) resolve goes to the resolver agent once, before a person.
    const resolver = problem === "conflict" ? config.monitor.conflictResolver : undefined;
    const tried = pull.nudges.find((nudge) => nudge.resolver);
    if (last) {
      const waited = params.now.getTime() - Date.parse(last.at);
      const asked = last.resolver ? `asking ${last.resolver} to resolve the merge conflict` : `asking to fix ${nudgeSubject(last.kind)}`;
      if (waited > config.monitor.nudgeTimeoutHours * 3_600_000) {
        if (resolver && !tried && last.kind === "conflict") return { kind: "resolveConflict", resolver };
        return { kind: "escalate", reason: `no new commit ${config.monitor.nudgeTimeoutHours} hours after ${asked}` };
      }
      return { kind: "wait", reason: last.resolver ? `waiting for ${last.resolver} to resolve the merge conflict` : `waiting for the agent to fix ${nudgeSubject(last.kind)}` };
    }
    // Requests about this same problem that did not fix it: earlier kinds that were fixed do not count.
    const tries = pull.nudges.filter((nudge) => nudge.kind === problem && !nudge.resolver).length;
    if (tries >= config.monitor.nudgeAttempts) {
      if (resolver && !tried) return { kind: "resolveConflict", resolver };
      const after = `${tries} request${tries === 1 ? "" : "s"}${tried ? ` and ${tried.resolver}'s attempt to resolve it` : ""}`;
      return { kind: "escalate", reason: `still ${state(problem, failing)} after ${after}` };
    }
    return { kind: "nudge", nudge: problem, failing: problem === "checks" ? failing : [] };
  }
  if (pending) return { kind: "wait", reason: "checks are running" };
  // Green is never inferred from absence (SPEC §1.4): a head no CI has reported on waits, unless the config says there is no CI.
  if (pull.checks.length === 0 && !config.merge.withoutCI) {
    return { kind: "wait", reason: "waiting for CI: no check run or commit status has reported on this head yet (set `merge.withoutCI` for a repository without CI)" };
  }
  // Required by the config, or by the base branch's protection and rulesets: each must have reported on this head.
  const required = [...new Set([...(config.merge.requiredChecks ?? []), ...(pull.baseRules?.requiredChecks ?? [])])];
  const missing = required.filter((name) => !pull.checks.some((check) => check.name.toLowerCase() === name.toLowerCase()));
  if (missing.length > 0) return { kind: "wait", reason: `waiting for required checks: ${missing.join(", ")}` };
  if (pull.reviewDecision === "CHANGES_REQUESTED") return { kind: "wait", reason: "waiting for the reviewer to look at the new commits" };
  if (!approved(pull, config.merge.approvals ?? 1)) return { kind: "wait", reason: "waiting for an approving review" };
  if (!checksPassed(pull.checks)) return { kind: "wait", reason: "checks are not all green" };
  // GitHub computes mergeability after each push to the head or the base: until it has, nothing is known to be clean.
  if (pull.mergeable === "UNKNOWN" || pull.mergeStateStatus === "UNKNOWN") return { kind: "wait", reason: "GitHub is still working out whether it can be merged" };
  if (pull.baseRules?.mergeQueue) return decideQueued(pull, config, params.mergeBusy === true);
  // Only a pull request that is otherwise ready is brought up to date: updating every open one after each
  // merge into the epic branch would rerun CI on all of them for nothing (merge queues work the same way).
  if (params.mergeBusy) return { kind: "wait", reason: "another pull request of this epic is merging first" };
  if (pull.mergeStateStatus === "BEHIND") return { kind: "updateBranch" };
  if (!config.merge.auto) return { kind: "wait", reason: "ready to merge; `merge.auto` is off, so a person merges it" };
  if (pull.autoMerge) return { kind: "wait", reason: "auto-merge is on" };
  const direct = directMergeReason(pull);
  return direct ? { kind: "enableAutoMerge", direct } : { kind: "enableAutoMerge" };
}

/**
 * GitHub refuses `enablePullRequestAutoMerge` where the repository does not
 * allow auto-merge (`allow_auto_merge` is off by default) and on a base that
 * no rule protects
 * (https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/incorporating-changes-from-a-pull-request/automatically-merging-a-pull-request):
 * and on a pull request that can merge right now (CLEAN): where the snapshot
 * shows any of these, asking would only be refused, so Factory
 * merges the ready pull request itself and says why.
 */
function directMergeReason(pull: PullSnapshot): string | undefined {
  if (pull.repoAutoMergeAllowed === false) return "the repository does not allow auto-merge";
  if (pull.baseRules?.protected === false) return `no branch rule protects \`${pull.base}\`, so GitHub will not arm auto-merge there`;
  if (pull.mergeStateStatus === "CLEAN") return "GitHub reports it can merge now, and arms auto-merge only for one that cannot yet";
  return undefined;
}

/**
 * A ready pull request into a branch that merges through GitHub's merge
 * queue: it joins the queue (no update-branch: the queue tests it on the
 * base's latest head); while it is in the queue Factory waits; when the
 * queue took this same head out without merging, its merged result failed,
 * and a person decides (queueing it again would fail the same way).
 * https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue
 */
function decideQueued(pull: PullSnapshot, config: Pick<Config, "merge">, mergeBusy: boolean): PullDecision {
  if (pull.inMergeQueue) return { kind: "wait", reason: "in the merge queue" };
  if (pull.queueRemoval && pull.queueRemoval.sha === pull.headSha && pull.queueRemoval.reason !== "MANUAL") {
    return { kind: "escalate", reason: `the merge queue removed it (${pull.queueRemoval.reason.toLowerCase().replace(/_/g, " ")}) on its current head` };
  }
  if (mergeBusy) return { kind: "wait", reason: "another pull request of this epic is merging first" };
  if (!config.merge.auto) return { kind: "wait", reason: "ready to merge; `merge.auto` is off, so a person merges it" };
  return { kind: "enqueue" };
}

/**
 * Approved: GitHub's review decision where a review rule gives one; where it
 * gives none (no rule on the base branch), Factory's own count of approvals
 * on the current head by people with write access.
 * https://docs.github.com/en/graphql/reference/objects#pullrequest (reviewDecision)
 */
export function approved(pull: Pick<PullSnapshot, "reviewDecision" | "approvals">, wanted: number): boolean {
  if (pull.reviewDecision !== null) return pull.reviewDecision === "APPROVED";
  return (pull.approvals ?? 0) >= wanted;
}

function state(kind: NudgeKind, failing: readonly string[]): string {
  return kind === "checks" ? `failing ${failing.join(", ")}` : kind === "reviews" ? "with open code reviews" : "conflicting";
}
