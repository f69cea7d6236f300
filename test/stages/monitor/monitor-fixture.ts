import { configSchema, type Config } from "../../../src/config/schema.js";
import { parseEpicBody } from "../../../src/model/parse-epic-body.js";
import type { EpicMonitorSnapshot, MonitorChild } from "../../../src/stages/monitor/monitor-snapshot.js";
import type { Nudge, NudgeKind, PullSnapshot } from "../../../src/stages/monitor/pull-snapshot.js";

/** The fixed clock of every monitor test. */
export const NOW = new Date("2026-11-22T12:00:00Z");
/** The repository the monitor watches. */
export const REPO = "acme/api";
/** Epic #7 and its branch. */
export const EPIC = 7;
export const BRANCH = "epic/security";
/** The head commit of every pull request unless overridden, and when it was committed. */
export const HEAD = "c0ffee2";
export const HEAD_AT = "2026-11-22T10:00:00Z";

/** The brief's config (2 attempts, 12 hours, auto dispatch), with top-level sections replaced by `input`. */
export function config(input: Record<string, unknown> = {}): Config {
  return configSchema.parse({ monitor: { nudgeAttempts: 2, nudgeTimeoutHours: 12 }, dispatch: { auto: true }, ...input });
}

/** An open, green, approved, mergeable pull request into the epic branch: ready for auto-merge. */
export function pull(number: number, overrides: Partial<PullSnapshot> = {}): PullSnapshot {
  return {
    number,
    nodeId: `PR_node${number}`,
    state: "OPEN",
    isDraft: false,
    base: BRANCH,
    head: `jules/${number}-fix`,
    headSha: HEAD,
    headCommittedAt: HEAD_AT,
    author: "jules-bot",
    mergeable: "MERGEABLE",
    mergeStateStatus: "CLEAN",
    reviewDecision: "APPROVED",
    unresolvedThreads: [],
    checks: [{ name: "test", status: "COMPLETED", conclusion: "SUCCESS" }],
    autoMerge: false,
    labels: [],
    nudges: [],
    mergedAt: null,
    closedAt: null,
    createdAt: "2026-11-21T09:00:00Z",
    ...overrides,
  };
}

/** A merged pull request (merged at 11:00, an hour before {@link NOW}). */
export function merged(number: number, overrides: Partial<PullSnapshot> = {}): PullSnapshot {
  return pull(number, { state: "MERGED", mergedAt: "2026-11-22T11:00:00Z", closedAt: "2026-11-22T11:00:00Z", ...overrides });
}

/** One of Factory's earlier requests; by default an hour before {@link NOW}, about the current head. */
export function nudge(kind: NudgeKind, sha = HEAD, at = "2026-11-22T11:00:00Z"): Nudge {
  return { kind, sha, at };
}

/** An open child handed to an agent, without pull requests, unless overridden. */
export function child(number: number, overrides: Partial<MonitorChild> = {}): MonitorChild {
  return { number, title: `security(api): fix ${number}`, state: "open", stateReason: null, labels: ["factory:dispatched"], pulls: [], ...overrides };
}

/** A closed (completed) child. */
export function closed(number: number, overrides: Partial<MonitorChild> = {}): MonitorChild {
  return child(number, { state: "closed", stateReason: "completed", ...overrides });
}

/** Epic #7's body: #11 in phase 1, #12 and #13 in phase 2; `ticked` lines carry `[x]`. */
export function epicBody(ticked: readonly number[] = []): string {
  const line = (n: number, title: string) => `- [${ticked.includes(n) ? "x" : " "}] #${n} - ${title}`;
  return [
    "## Overview",
    "",
    "Three fixes in two phases.",
    "",
    "### Phase 1: Foundations (blocking)",
    "",
    line(11, "quality(db): add a query helper"),
    "",
    "### Phase 2: Implementation (parallel)",
    "",
    line(12, "security(api): SQL injection in search"),
    line(13, "security(api): SQL injection in export"),
    "",
  ].join("\n");
}

/** A monitor snapshot of epic #7 (open, branch present, no epic PR) with the given children. */
export function snapshot(params: {
  children: MonitorChild[];
  ticked?: number[];
  epicState?: "open" | "closed";
  branchExists?: boolean;
  epicPulls?: PullSnapshot[];
  wrongBase?: EpicMonitorSnapshot["wrongBase"];
}): EpicMonitorSnapshot {
  return {
    repo: REPO,
    epic: { number: EPIC, title: "Security epic", state: params.epicState ?? "open", document: parseEpicBody(epicBody(params.ticked)), branch: BRANCH },
    defaultBranch: "main",
    branchExists: params.branchExists ?? true,
    children: new Map(params.children.map((c) => [c.number, c])),
    epicPulls: params.epicPulls ?? [],
    wrongBase: params.wrongBase ?? [],
  };
}

/** An epic pull request from the epic branch into main. */
export function epicPull(number: number, overrides: Partial<PullSnapshot> = {}): PullSnapshot {
  return pull(number, { base: "main", head: BRANCH, ...overrides });
}
