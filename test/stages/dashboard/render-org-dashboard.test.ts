import { describe, expect, it } from "vitest";
import { renderOrgDashboard } from "../../../src/stages/dashboard/render-org-dashboard.js";
import { renderCheckRun } from "../../../src/stages/monitor/render-check-run.js";
import type { PullSnapshot } from "../../../src/stages/monitor/pull-snapshot.js";

const NOW = new Date("2026-11-22T09:00:00Z");

describe("renderOrgDashboard", () => {
  const params = {
    org: "acme",
    now: NOW,
    repos: [
      { name: "acme/api", epics: [{ number: 7, title: "epic(security): 5 issues", done: 2, total: 5 }], escalated: [{ number: 41, title: "fix: token refresh" }], inFlight: 3 },
      { name: "acme/web", epics: [], escalated: [], inFlight: 0 },
      { name: "acme/cli", epics: [{ number: 3, title: "epic(docs): 4 issues", done: 4, total: 4 }], escalated: [], inFlight: 0 },
    ],
    budget: { day: "2026-11-22", pool: 400, used: 12, members: [{ login: "mona", quota: 300, used: 10 }, { login: "hubot", quota: 100, used: 2 }] },
    journal: [],
  };

  it("renders the golden organisation dashboard", async () => {
    await expect(renderOrgDashboard(params)).toMatchFileSnapshot("./__golden__/org-dashboard.md");
  });

  it("leaves out idle repositories and keeps notes", () => {
    const first = renderOrgDashboard(params);
    expect(first).not.toContain("acme/web");
    const edited = first.replace(/<!-- factory:notes-start -->\n.*\n<!-- factory:notes-end -->/, "<!-- factory:notes-start -->\nfreeze until Monday\n<!-- factory:notes-end -->");
    expect(renderOrgDashboard({ ...params, previous: edited })).toContain("freeze until Monday");
  });
});

describe("renderCheckRun", () => {
  const pull: PullSnapshot = {
    number: 45,
    nodeId: "PR_45",
    state: "OPEN",
    isDraft: false,
    base: "epic/7-security",
    head: "jules/31-x",
    headSha: "abc",
    headCommittedAt: "2026-11-22T08:00:00Z",
    author: "google-labs-jules[bot]",
    mergeable: "MERGEABLE",
    mergeStateStatus: "BLOCKED",
    reviewDecision: null,
    unresolvedThreads: [],
    checks: [],
    autoMerge: false,
    labels: ["needs-intervention"],
    nudges: [
      { kind: "checks", sha: "a1", at: "2026-11-21T08:00:00Z" },
      { kind: "checks", sha: "a2", at: "2026-11-21T10:00:00Z" },
      { kind: "reviews", sha: "a3", at: "2026-11-21T12:00:00Z" },
    ],
    mergedAt: null,
    closedAt: null,
    createdAt: "2026-11-20T08:00:00Z",
  };

  it("renders the golden check-run summary", async () => {
    const summary = renderCheckRun({ pull, child: 31, epic: 7, phase: 2, decision: { kind: "wait", reason: "escalated: a person has it" }, escalationLabel: "needs-intervention" });
    await expect(`${summary}\n`).toMatchFileSnapshot("./__golden__/check-run.md");
    expect(summary).toContain("Requests sent to the agent: checks ×2, reviews ×1.");
  });
});
