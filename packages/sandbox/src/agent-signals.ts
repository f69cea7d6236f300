/**
 * What a simulated coding agent notices among the store's events. It reads
 * structure only — event names, actions, label names, assignees (and what an
 * assignment of Copilot carried), senders and their types — plus the four
 * fixed phrases below: a mention of the agent, Factory's
 * ``Target branch: `…` `` line, Factory's "Can you fix …" requests, and
 * "Can you resolve the merge conflict" on any pull request.
 * Who may ask for a fix is the agent's business (`AgentRequestRules`), so a
 * request is read whoever wrote it.
 */
import type { Store } from "./store.js";
import type { AgentAssignment, Repo, StoreEvent } from "./store-types.js";
import type { AgentTrigger } from "./agent-options.js";

/** What Factory asks an agent to fix on its pull request. */
export type NudgeKind = "checks" | "reviews" | "conflict";

/** Who caused an event. */
export interface SignalSender {
  login: string;
  type: string;
}

/** A store event, as far as one agent is concerned. */
export type AgentSignal =
  | {
      kind: "trigger";
      repo: Repo;
      issue: number;
      sender: SignalSender;
      via: AgentTrigger["type"];
      /** What the assignment carried (`agent_assignment`), for an assignment of Copilot; else null. */
      assignment: AgentAssignment | null;
    }
  | { kind: "target"; repo: Repo; issue: number }
  | { kind: "nudge"; repo: Repo; pull: number; commentId: number; body: string; sender: SignalSender; kinds: NudgeKind[] }
  /** "Can you resolve the merge conflict …" on a pull request, whoever opened it. */
  | { kind: "resolve"; repo: Repo; pull: number; commentId: number; body: string; sender: SignalSender }
  | { kind: "pull-state"; repo: Repo; pull: number; state: "open" | "closed" | "merged" };

/** A line ``Target branch: `epic/42-x` (epic #42)``; group 1 is the branch. */
const TARGET_LINE = /^[^\S\n]*Target branch:[^\S\n]*`([^`\n]+)`/gim;

const NUDGES: readonly (readonly [NudgeKind, RegExp])[] = [
  ["checks", /can you fix the failing checks/i],
  ["reviews", /can you fix the code reviews/i],
  ["conflict", /can you fix the merge conflict/i],
];

/** A request to resolve a pull request's merge conflict (on any pull request, not only the agent's own). */
const RESOLVE_REQUEST = /can you resolve the merge conflict/i;

/** True when `body` asks for a pull request's merge conflict to be resolved. */
export function asksToResolveConflict(body: string): boolean {
  return RESOLVE_REQUEST.test(body);
}

/** The branch named by the last ``Target branch: `…` `` line of `body`, if any. */
export function targetBranchIn(body: string): string | undefined {
  let branch: string | undefined;
  for (const match of body.matchAll(TARGET_LINE)) branch = match[1]?.trim();
  return branch === "" ? undefined : branch;
}

/** The fix requests in a comment body, in a fixed order. */
export function nudgeKindsIn(body: string): NudgeKind[] {
  return NUDGES.filter(([, pattern]) => pattern.test(body)).map(([kind]) => kind);
}

/** True when `body` mentions `mention` (e.g. `@claude`) as a whole word, as GitHub links mentions. */
export function mentions(body: string, mention: string): boolean {
  const escaped = mention.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(`(?<![\\w@./-])${escaped}(?![\\w/-])`, "i").test(body);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function sameLogin(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/**
 * Reads one store event for an agent acting as `self` with `trigger`;
 * undefined when the event means nothing to it (including everything the
 * agent caused itself).
 */
export function readAgentSignal(params: { store: Store; event: StoreEvent; trigger: AgentTrigger; self: string }): AgentSignal | undefined {
  const { store, event, trigger, self } = params;
  if (event.repoId === null) return undefined;
  const repo = store.reposById.get(event.repoId);
  const payload = event.payload;
  const senderRecord = record(payload.sender);
  const sender: SignalSender = { login: text(senderRecord?.login) ?? "", type: text(senderRecord?.type) ?? "" };
  if (!repo || sender.login === "" || sameLogin(sender.login, self)) return undefined;
  const action = text(payload.action);

  if (event.name === "pull_request") {
    const pull = record(payload.pull_request);
    const number = pull?.number;
    if (typeof number !== "number") return undefined;
    if (action === "closed") return { kind: "pull-state", repo, pull: number, state: pull?.merged === true ? "merged" : "closed" };
    if (action === "reopened") return { kind: "pull-state", repo, pull: number, state: "open" };
    return undefined;
  }

  const issueNumber = record(payload.issue)?.number;
  if (typeof issueNumber !== "number") return undefined;
  const issue = repo.issues.get(issueNumber);
  if (!issue) return undefined;

  if (event.name === "issues" && !issue.isPullRequest) {
    const trig = { kind: "trigger" as const, repo, issue: issueNumber, sender, via: trigger.type, assignment: null };
    if (trigger.type === "label" && action === "labeled" && sameLogin(text(record(payload.label)?.name), trigger.label)) return trig;
    const assignee = text(record(payload.assignee)?.login);
    if (trigger.type === "assignee" && action === "assigned" && sameLogin(assignee, trigger.login)) {
      // The issue holds what the latest assignment of Copilot carried, set just before this event.
      const copilot = store.ops.issues.copilot();
      return { ...trig, assignment: copilot !== undefined && sameLogin(assignee, copilot.login) ? issue.agentAssignment : null };
    }
    if (trigger.type === "mention" && action === "opened" && mentions(issue.body ?? "", trigger.mention)) return trig;
    return undefined;
  }

  if (event.name === "issue_comment" && (action === "created" || action === "edited")) {
    const comment = record(payload.comment);
    const body = text(comment?.body) ?? "";
    const commentId = comment?.id;
    if (issue.isPullRequest) {
      if (action !== "created" || typeof commentId !== "number") return undefined;
      const kinds = nudgeKindsIn(body);
      if (kinds.length > 0) return { kind: "nudge", repo, pull: issueNumber, commentId, body, sender, kinds };
      if (asksToResolveConflict(body)) return { kind: "resolve", repo, pull: issueNumber, commentId, body, sender };
      return undefined;
    }
    if (trigger.type === "mention" && action === "created" && mentions(body, trigger.mention)) {
      return { kind: "trigger", repo, issue: issueNumber, sender, via: "mention", assignment: null };
    }
    if (targetBranchIn(body) !== undefined) return { kind: "target", repo, issue: issueNumber };
  }
  return undefined;
}
