import { configSchema, type Config } from "../../../src/config/schema.js";
import { ledgerKey, type LedgerEntry } from "../../../src/model/ledger-entry.js";
import type { DispatchChild, DispatchSnapshot } from "../../../src/stages/dispatch/plan-dispatch.js";
import { parseEpicBody } from "../../../src/model/parse-epic-body.js";

/** The fixed clock of every dispatch test. */
export const NOW = new Date("2026-11-22T09:00:00Z");
/** The repository the tests dispatch in. */
export const REPO = "acme/api";
/** A body that passes the readiness check. */
export const READY = "## Summary\n\nFix it.\n\n## Acceptance criteria\n\n- [ ] the query is parameterised\n";

/** A config from the parts a test cares about. */
export function config(input: Record<string, unknown> = {}): Config {
  return configSchema.parse({
    budget: { members: [{ login: "mona", dailyQuota: 3 }], repoShare: 1 },
    agents: [
      { name: "jules", issueTypes: ["security", "quality", "feature"] },
      { name: "copilot", issueTypes: ["docs", "testing"] },
    ],
    ...input,
  });
}

/** A ledger line of today for acme/api, paid by mona to jules, unless overridden. */
export function entry(issue: number, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  const repo = overrides.repo ?? REPO;
  return {
    v: 1,
    kind: "dispatch",
    key: ledgerKey({ repo, issue, attempt: 1 }),
    time: "2026-11-22T08:00:00.000Z",
    repo,
    issue,
    agent: "jules",
    member: "mona",
    delivery: "d-earlier",
    ...overrides,
  };
}

/** An open, ready, high-severity security child without dependencies, unless overridden. */
export function child(number: number, overrides: Partial<DispatchChild> = {}): DispatchChild {
  return {
    number,
    title: `security(api): fix ${number}`,
    body: READY,
    state: "open",
    labels: [],
    type: "security",
    severity: "high",
    dependsOn: [],
    ...overrides,
  };
}

/** Epic #42: #11 in phase 1, #12–#14 in phase 2, #15 in phase 3. */
export const EPIC_BODY = [
  "## Overview",
  "",
  "Five fixes in three phases.",
  "",
  "### Phase 1: Foundations (blocking)",
  "",
  "- [ ] #11 - quality(db): add a query helper",
  "",
  "### Phase 2: Fixes (parallel)",
  "",
  "- [ ] #12 - security(api): injection in search",
  "- [ ] #13 - security(api): injection in export",
  "- [ ] #14 - security(api): injection in import",
  "",
  "### Phase 3: Cleanup (cleanup)",
  "",
  "- [ ] #15 - docs(security): document the helper",
  "",
].join("\n");

/** The children of {@link EPIC_BODY}, all open and ready. */
export function epicChildren(): DispatchChild[] {
  return [child(11, { type: "quality" }), child(12), child(13), child(14), child(15, { type: "docs", severity: "low" })];
}

/** A snapshot of epic #42 (or of a plain issue with `epic: undefined`). */
export function snapshot(params: {
  children: DispatchChild[];
  body?: string;
  epic?: false;
  epicPaused?: boolean;
  /** Whether the epic's branch exists (default: it does). */
  branchExists?: boolean;
  repoPaused?: boolean;
  openIssues?: number[];
  ledger?: LedgerEntry[];
}): DispatchSnapshot {
  return {
    repo: REPO,
    ...(params.epic === false
      ? {}
      : { epic: { number: 42, branch: "epic/42-security", document: parseEpicBody(params.body ?? EPIC_BODY), paused: params.epicPaused ?? false, branchExists: params.branchExists ?? true } }),
    defaultBranch: "main",
    repoPaused: params.repoPaused ?? false,
    children: new Map(params.children.map((c) => [c.number, c])),
    openIssues: new Set(params.openIssues ?? params.children.filter((c) => c.state === "open").map((c) => c.number)),
    ledger: params.ledger ?? [],
  };
}

/** Two members (200 + 100 a day), a 0.4 repository share, and jules (100) and copilot (50): the budget views' config. */
export const BUDGET_CONFIG = config({
  budget: { members: [{ login: "mona", dailyQuota: 200 }, { login: "hubot", dailyQuota: 100 }], repoShare: 0.4 },
  agents: [{ name: "jules", dailyQuota: 100 }, { name: "copilot", dailyQuota: 50 }],
});

/** Today: mona ×2 (jules) and hubot (copilot) here, MONA (jules) on acme/web; one a day on the 21st here and elsewhere; the 16th here; the 15th (too old). */
export const BUDGET_LEDGER: LedgerEntry[] = [
  entry(1),
  entry(2),
  entry(3, { member: "hubot", agent: "copilot" }),
  entry(4, { member: "MONA", repo: "acme/web" }),
  entry(5, { time: "2026-11-21T12:00:00.000Z" }),
  entry(6, { time: "2026-11-21T12:00:00.000Z", repo: "acme/web" }),
  entry(7, { time: "2026-11-16T00:00:00.000Z" }),
  entry(8, { time: "2026-11-15T23:59:59.000Z" }),
];
