import { describe, expect, it } from "vitest";
import type { Config } from "../../../src/config/schema.js";
import { decidePull, type PullDecision } from "../../../src/stages/monitor/decide-pull.js";
import type { CheckState, PullSnapshot } from "../../../src/stages/monitor/pull-snapshot.js";
import { config, HEAD, HEAD_AT, NOW, nudge, pull } from "./monitor-fixture.js";

const CONFIG = config();
/** A ready pull request GitHub reports CLEAN: Factory merges it itself (GitHub would refuse to arm auto-merge). */
const MERGE_NOW: PullDecision = { kind: "enableAutoMerge", direct: "GitHub reports it can merge now, and arms auto-merge only for one that cannot yet" };
const OLD = "c0ffee1";
const OLDER = "c0ffee0";
const done = (name: string, conclusion: string | null): CheckState => ({ name, status: "COMPLETED", conclusion });
const running = (name: string, status = "IN_PROGRESS"): CheckState => ({ name, status, conclusion: null });
const thread = (id: string, createdAt = "2026-11-22T09:00:00Z") => ({ id, createdAt });

function decide(overrides: Partial<PullSnapshot>, extra: { config?: Config; mergeBusy?: boolean } = {}): PullDecision {
  return decidePull({ pull: pull(50, overrides), config: extra.config ?? CONFIG, now: NOW, ...(extra.mergeBusy ? { mergeBusy: true } : {}) });
}

const FAILING_TEST = { checks: [done("test", "FAILURE"), done("lint", "SUCCESS")] };

describe("decidePull: pull requests Factory leaves alone", () => {
  it.each<[string, Partial<PullSnapshot>, PullDecision]>([
    ["merged", { state: "MERGED", ...FAILING_TEST }, { kind: "wait", reason: "the pull request is merged" }],
    ["closed", { state: "CLOSED", ...FAILING_TEST }, { kind: "wait", reason: "the pull request is closed" }],
    ["escalated (label matched case-insensitively)", { labels: ["bug", "Needs-Intervention"], ...FAILING_TEST }, { kind: "wait", reason: "escalated: a person has it" }],
    ["a draft", { isDraft: true, ...FAILING_TEST, mergeable: "CONFLICTING" }, { kind: "wait", reason: "still a draft" }],
  ])("%s → wait", (_name, overrides, expected) => {
    expect(decide(overrides)).toEqual(expected);
  });
});

describe("decidePull: a new head commit answers a reviews request", () => {
  const answered = { nudges: [nudge("reviews", OLD)], headSha: HEAD, headCommittedAt: HEAD_AT };

  it("resolves threads created at or before the head commit, keeping a newer one", () => {
    const threads = [thread("T_old"), thread("T_same_second", HEAD_AT), thread("T_newer", "2026-11-22T10:00:01Z")];
    expect(decide({ ...answered, unresolvedThreads: threads, ...FAILING_TEST })).toEqual({ kind: "resolveThreads", threads: ["T_old", "T_same_second"] });
  });

  it("asks about reviews again when only threads newer than the commit are left", () => {
    expect(decide({ ...answered, unresolvedThreads: [thread("T_newer", "2026-11-22T10:30:00Z")] })).toEqual({ kind: "nudge", nudge: "reviews", failing: [] });
  });

  it("does not resolve anything when the reviews request is about the current head", () => {
    expect(decide({ nudges: [nudge("reviews", HEAD)], unresolvedThreads: [thread("T_old")] })).toEqual({
      kind: "wait",
      reason: "waiting for the agent to fix the code reviews",
    });
  });

  it("does not resolve threads after a checks request answered by a new commit", () => {
    expect(decide({ nudges: [nudge("checks", OLD)], unresolvedThreads: [thread("T_old")] })).toEqual({ kind: "nudge", nudge: "reviews", failing: [] });
  });

  it("waits for the reviewer when changes are still requested but no thread is open", () => {
    expect(decide({ ...answered, reviewDecision: "CHANGES_REQUESTED" })).toEqual({ kind: "wait", reason: "waiting for the reviewer to look at the new commits" });
  });
});

describe("decidePull: problems → one request", () => {
  it.each(["FAILURE", "TIMED_OUT", "CANCELLED", "ACTION_REQUIRED", "STARTUP_FAILURE", "STALE"])("a %s check → nudge checks with its name only", (conclusion) => {
    const checks = [done("lint", "SUCCESS"), done("test", conclusion), done("docs", "NEUTRAL"), running("e2e")];
    expect(decide({ checks })).toEqual({ kind: "nudge", nudge: "checks", failing: ["test"] });
  });

  it.each<[string, Partial<PullSnapshot>, PullDecision]>([
    ["several failing checks, in order", { checks: [done("test", "FAILURE"), done("build", "SKIPPED"), done("lint", "TIMED_OUT")] }, { kind: "nudge", nudge: "checks", failing: ["test", "lint"] }],
    ["an unresolved thread (even if approved)", { unresolvedThreads: [thread("T1")] }, { kind: "nudge", nudge: "reviews", failing: [] }],
    ["changes requested", { reviewDecision: "CHANGES_REQUESTED" }, { kind: "nudge", nudge: "reviews", failing: [] }],
    ["CONFLICTING", { mergeable: "CONFLICTING", mergeStateStatus: "DIRTY" }, { kind: "nudge", nudge: "conflict", failing: [] }],
    ["DIRTY while mergeable is still UNKNOWN", { mergeable: "UNKNOWN", mergeStateStatus: "DIRTY" }, { kind: "nudge", nudge: "conflict", failing: [] }],
    [
      "checks before reviews before conflict",
      { ...FAILING_TEST, reviewDecision: "CHANGES_REQUESTED", unresolvedThreads: [thread("T1")], mergeable: "CONFLICTING" },
      { kind: "nudge", nudge: "checks", failing: ["test"] },
    ],
    ["reviews before conflict", { unresolvedThreads: [thread("T1")], mergeable: "CONFLICTING" }, { kind: "nudge", nudge: "reviews", failing: [] }],
    ["a failing check while others still run", { checks: [done("lint", "FAILURE"), running("test", "QUEUED")] }, { kind: "nudge", nudge: "checks", failing: ["lint"] }],
    ["a second request after one answered by a new commit", { ...FAILING_TEST, nudges: [nudge("checks", OLD)] }, { kind: "nudge", nudge: "checks", failing: ["test"] }],
  ])("%s", (_name, overrides, expected) => {
    expect(decide(overrides)).toEqual(expected);
  });
});

describe("decidePull: unanswered and failed requests", () => {
  it.each<[string, Partial<PullSnapshot>, PullDecision]>([
    ["a request about the current head is not repeated", { ...FAILING_TEST, nudges: [nudge("checks")] }, { kind: "wait", reason: "waiting for the agent to fix the failing checks" }],
    [
      "exactly 12 hours is not yet too long",
      { ...FAILING_TEST, nudges: [nudge("checks", HEAD, "2026-11-22T00:00:00Z")] },
      { kind: "wait", reason: "waiting for the agent to fix the failing checks" },
    ],
    [
      "unanswered for more than 12 hours → escalate",
      { ...FAILING_TEST, nudges: [nudge("checks", HEAD, "2026-11-21T23:59:59Z")] },
      { kind: "escalate", reason: "no new commit 12 hours after asking to fix the failing checks" },
    ],
    [
      "an unanswered conflict request past the timeout",
      { mergeable: "CONFLICTING", nudges: [nudge("conflict", HEAD, "2026-11-21T08:00:00Z")] },
      { kind: "escalate", reason: "no new commit 12 hours after asking to fix the merge conflict" },
    ],
    [
      "two failed checks requests → escalate naming the checks",
      { checks: [done("test", "FAILURE"), done("lint", "CANCELLED")], nudges: [nudge("checks", OLDER), nudge("checks", OLD)] },
      { kind: "escalate", reason: "still failing test, lint after 2 requests" },
    ],
    [
      "two failed reviews requests → escalate",
      { reviewDecision: "CHANGES_REQUESTED", unresolvedThreads: [thread("T_new", "2026-11-22T11:00:00Z")], nudges: [nudge("reviews", OLDER), nudge("reviews", OLD)] },
      { kind: "escalate", reason: "still with open code reviews after 2 requests" },
    ],
    ["two failed conflict requests → escalate", { mergeable: "CONFLICTING", nudges: [nudge("conflict", OLDER), nudge("conflict", OLD)] }, { kind: "escalate", reason: "still conflicting after 2 requests" }],
    ["the problem is gone after two requests → no escalation", { nudges: [nudge("checks", OLDER), nudge("checks", OLD)] }, MERGE_NOW],
  ])("%s", (_name, overrides, expected) => {
    expect(decide(overrides)).toEqual(expected);
  });

  it("escalates after a single failed request when nudgeAttempts is 1", () => {
    const strict = config({ monitor: { nudgeAttempts: 1, nudgeTimeoutHours: 12 } });
    expect(decide({ ...FAILING_TEST, nudges: [nudge("checks", OLD)] }, { config: strict })).toEqual({ kind: "escalate", reason: "still failing test after 1 request" });
  });

  describe("with a conflict resolver", () => {
    const withResolver = config({ monitor: { nudgeAttempts: 2, nudgeTimeoutHours: 12, conflictResolver: "claude" }, agents: [{ name: "jules" }, { name: "claude" }] });
    const conflicting = { mergeable: "CONFLICTING" as const, mergeStateStatus: "DIRTY" as const };
    const asked = (sha: string, at?: string) => ({ ...nudge("conflict", sha, at), resolver: "claude" });

    it("hands a conflict two requests did not fix to the resolver instead of a person", () => {
      expect(decide({ ...conflicting, nudges: [nudge("conflict", OLDER), nudge("conflict", OLD)] }, { config: withResolver })).toEqual({ kind: "resolveConflict", resolver: "claude" });
    });

    it("hands it to the resolver when the agent left the last request unanswered past the timeout", () => {
      const late = [nudge("conflict", HEAD, "2026-11-21T08:00:00Z")];
      expect(decide({ ...conflicting, nudges: late }, { config: withResolver })).toEqual({ kind: "resolveConflict", resolver: "claude" });
      expect(decide({ ...conflicting, nudges: late })).toEqual({ kind: "escalate", reason: "no new commit 12 hours after asking to fix the merge conflict" });
    });

    it("asks the pull request's own agent first", () => {
      expect(decide({ ...conflicting, nudges: [nudge("conflict", OLD)] }, { config: withResolver })).toEqual({ kind: "nudge", nudge: "conflict", failing: [] });
    });

    it("waits for the resolver on the head it was asked about, and escalates past the timeout", () => {
      const nudges = [nudge("conflict", OLDER), nudge("conflict", OLD), asked(HEAD)];
      expect(decide({ ...conflicting, nudges }, { config: withResolver })).toEqual({ kind: "wait", reason: "waiting for claude to resolve the merge conflict" });
      const late = [nudge("conflict", OLDER), nudge("conflict", OLD), asked(HEAD, "2026-11-21T08:00:00Z")];
      expect(decide({ ...conflicting, nudges: late }, { config: withResolver })).toEqual({ kind: "escalate", reason: "no new commit 12 hours after asking claude to resolve the merge conflict" });
    });

    it("escalates when the resolver's push still conflicts, and only conflicts go to it", () => {
      const nudges = [nudge("conflict", OLDER), nudge("conflict", "c0ffeea"), asked(OLD)];
      expect(decide({ ...conflicting, nudges }, { config: withResolver })).toEqual({ kind: "escalate", reason: "still conflicting after 2 requests and claude's attempt to resolve it" });
      expect(decide({ ...FAILING_TEST, nudges: [nudge("checks", OLDER), nudge("checks", OLD)] }, { config: withResolver })).toEqual({ kind: "escalate", reason: "still failing test after 2 requests" });
    });

    it("is refused in the config when it is not an agent, or one that does not act on others' pull requests", () => {
      expect(() => config({ monitor: { conflictResolver: "claude" }, agents: [{ name: "jules" }] })).toThrow("unknown agent 'claude'");
      expect(() => config({ monitor: { conflictResolver: "jules" }, agents: [{ name: "jules" }] })).toThrow("jules does not act on requests on pull requests it did not open");
    });
  });

  it("asks about a new kind of problem after two requests that each fixed theirs", () => {
    const nudges = [nudge("checks", OLDER), nudge("conflict", OLD)];
    expect(decide({ unresolvedThreads: [thread("T_new", "2026-11-22T11:00:00Z")], nudges })).toEqual({ kind: "nudge", nudge: "reviews", failing: [] });
  });
});

describe("decidePull: a clean pull request", () => {
  it.each<[string, Partial<PullSnapshot>, PullDecision]>([
    ["checks running", { checks: [done("lint", "SUCCESS"), running("test")] }, { kind: "wait", reason: "checks are running" }],
    ["checks queued while behind", { checks: [running("test", "QUEUED")], mergeStateStatus: "BEHIND" }, { kind: "wait", reason: "checks are running" }],
    ["behind but clean", { mergeStateStatus: "BEHIND" }, { kind: "updateBranch" }],
    ["behind and not yet reviewed: not updated yet", { mergeStateStatus: "BEHIND", reviewDecision: "REVIEW_REQUIRED" }, { kind: "wait", reason: "waiting for an approving review" }],
    ["behind, approved and green", { mergeStateStatus: "BEHIND" }, { kind: "updateBranch" }],
    ["review required", { reviewDecision: "REVIEW_REQUIRED" }, { kind: "wait", reason: "waiting for an approving review" }],
    ["no review decision", { reviewDecision: null }, { kind: "wait", reason: "waiting for an approving review" }],
    ["a completed check without a conclusion", { checks: [done("test", null)] }, { kind: "wait", reason: "checks are not all green" }],
    ["approved and green (success, neutral, skipped)", { checks: [done("test", "SUCCESS"), done("docs", "NEUTRAL"), done("e2e", "SKIPPED")] }, MERGE_NOW],
    ["approved, blocked only by branch protection", { mergeStateStatus: "BLOCKED" }, { kind: "enableAutoMerge" }],
    ["auto-merge already on", { autoMerge: true }, { kind: "wait", reason: "auto-merge is on" }],
  ])("%s", (_name, overrides, expected) => {
    expect(decide(overrides)).toEqual(expected);
  });

  it("waits for a person when merge.auto is off", () => {
    expect(decide({}, { config: config({ merge: { auto: false } }) })).toEqual({ kind: "wait", reason: "ready to merge; `merge.auto` is off, so a person merges it" });
  });

  it("waits while another pull request of the epic is merging", () => {
    expect(decide({}, { mergeBusy: true })).toEqual({ kind: "wait", reason: "another pull request of this epic is merging first" });
  });
});

describe("decidePull: green is never inferred from absence", () => {
  it.each<[string, Partial<PullSnapshot>, Record<string, unknown>, PullDecision]>([
    [
      "a head no CI has reported on waits",
      { checks: [] },
      {},
      { kind: "wait", reason: "waiting for CI: no check run or commit status has reported on this head yet (set `merge.withoutCI` for a repository without CI)" },
    ],
    ["a repository configured without CI merges an approved head", { checks: [] }, { merge: { withoutCI: true } }, MERGE_NOW],
    ["a required check that has not reported waits", { checks: [done("lint", "SUCCESS")] }, { merge: { requiredChecks: ["test", "lint"] } }, { kind: "wait", reason: "waiting for required checks: test" }],
    ["required checks match case-insensitively", { checks: [done("Test", "SUCCESS")] }, { merge: { requiredChecks: ["test"] } }, MERGE_NOW],
    ["a pending commit status waits", { checks: [done("test", "SUCCESS"), running("ci/jenkins")] }, {}, { kind: "wait", reason: "checks are running" }],
    ["unknown mergeability waits", { mergeable: "UNKNOWN" }, {}, { kind: "wait", reason: "GitHub is still working out whether it can be merged" }],
    ["an unknown merge state waits", { mergeStateStatus: "UNKNOWN" }, {}, { kind: "wait", reason: "GitHub is still working out whether it can be merged" }],
  ])("%s", (_name, overrides, input, expected) => {
    expect(decide(overrides, { config: config(input) })).toEqual(expected);
  });

  it("asks the agent to fix a failing commit status by its context", () => {
    expect(decide({ checks: [done("test", "SUCCESS"), done("ci/jenkins", "FAILURE")] })).toEqual({ kind: "nudge", nudge: "checks", failing: ["ci/jenkins"] });
  });
});

describe("decidePull: approvals where GitHub gives no review decision", () => {
  it.each<[string, Partial<PullSnapshot>, Record<string, unknown>, PullDecision]>([
    ["no decision and no approval counted waits", { reviewDecision: null }, {}, { kind: "wait", reason: "waiting for an approving review" }],
    ["no decision and an approval on the head by a writer merges", { reviewDecision: null, approvals: 1 }, {}, MERGE_NOW],
    ["two approvals wanted, one counted, waits", { reviewDecision: null, approvals: 1 }, { merge: { approvals: 2 } }, { kind: "wait", reason: "waiting for an approving review" }],
    ["no approvals wanted merges without review", { reviewDecision: null }, { merge: { approvals: 0 } }, MERGE_NOW],
    ["GitHub's REVIEW_REQUIRED is not overridden by a count", { reviewDecision: "REVIEW_REQUIRED", approvals: 3 }, {}, { kind: "wait", reason: "waiting for an approving review" }],
  ])("%s", (_name, overrides, input, expected) => {
    expect(decide(overrides, { config: config(input) })).toEqual(expected);
  });
});

describe("decidePull and the base branch's rules", () => {
  const READY = { checks: [done("test", "SUCCESS")], reviewDecision: "APPROVED" as const, mergeStateStatus: "CLEAN" };

  it("waits for a check the base branch requires that has not reported on this head, though every reported one passed", () => {
    expect(decide({ ...READY, baseRules: { requiredChecks: ["test", "e2e"], mergeQueue: false } })).toEqual({ kind: "wait", reason: "waiting for required checks: e2e" });
    expect(decide({ ...READY, baseRules: { requiredChecks: ["test"], mergeQueue: false } }).kind).toBe("enableAutoMerge");
  });

  it("puts a ready pull request into a merge queue instead of merging it, without bringing it up to date first", () => {
    const queue = { requiredChecks: ["test"], mergeQueue: true };
    expect(decide({ ...READY, baseRules: queue })).toEqual({ kind: "enqueue" });
    expect(decide({ ...READY, mergeStateStatus: "BEHIND", baseRules: queue })).toEqual({ kind: "enqueue" });
    expect(decide({ ...READY, baseRules: queue, inMergeQueue: true })).toEqual({ kind: "wait", reason: "in the merge queue" });
    expect(decide({ ...READY, baseRules: queue }, { mergeBusy: true }).kind).toBe("wait");
  });

  it("hands a pull request the queue removed on its current head to a person, and queues a new head again", () => {
    const queue = { requiredChecks: [], mergeQueue: true };
    expect(decide({ ...READY, baseRules: queue, queueRemoval: { sha: HEAD, reason: "CI_FAILURE" } })).toEqual({
      kind: "escalate",
      reason: "the merge queue removed it (ci failure) on its current head",
    });
    expect(decide({ ...READY, baseRules: queue, queueRemoval: { sha: OLD, reason: "CI_FAILURE" } })).toEqual({ kind: "enqueue" });
    // Someone took it out by hand: that is no verdict on the code.
    expect(decide({ ...READY, baseRules: queue, queueRemoval: { sha: HEAD, reason: "MANUAL" } })).toEqual({ kind: "enqueue" });
  });
});

describe("decidePull: merging at once where GitHub would refuse auto-merge", () => {
  const BLOCKED = { mergeStateStatus: "BLOCKED" };
  it("merges a ready pull request itself where the repository does not allow auto-merge, or no rule protects its base, and says which", () => {
    expect(decide({ ...BLOCKED, repoAutoMergeAllowed: false })).toEqual({ kind: "enableAutoMerge", direct: "the repository does not allow auto-merge" });
    expect(decide({ ...BLOCKED, baseRules: { requiredChecks: [], mergeQueue: false, protected: false } })).toEqual({
      kind: "enableAutoMerge",
      direct: "no branch rule protects `epic/security`, so GitHub will not arm auto-merge there",
    });
  });

  it("arms auto-merge where GitHub would accept it: allowed, a protected base, not mergeable yet", () => {
    expect(decide({ ...BLOCKED, repoAutoMergeAllowed: true, baseRules: { requiredChecks: [], mergeQueue: false, protected: true } })).toEqual({ kind: "enableAutoMerge" });
  });
});
