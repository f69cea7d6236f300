import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import type { DashboardData, DashboardPull } from "../../../src/stages/dashboard/dashboard-data.js";
import { journalMetrics } from "../../../src/stages/dashboard/journal-metrics.js";
import { renderDashboard } from "../../../src/stages/dashboard/render-dashboard.js";
import { budgetOf } from "../../../src/stages/dispatch/budget.js";
import type { JournalRecord } from "../../../src/stages/monitor/plan-monitor.js";

const NOW = new Date("2026-11-22T09:00:00Z");
const CONFIG = configSchema.parse({ budget: { members: [{ login: "mona", dailyQuota: 300 }], repoShare: 0.4 } });

function pull(number: number, overrides: Partial<DashboardPull> = {}): DashboardPull {
  return { number, child: number - 100, childTitle: `child ${number - 100}`, epic: 7, type: "quality", severity: "medium", next: "waiting for an approving review", ci: "passing", failing: [], cycles: 0, escalated: false, awaitingReview: true, ...overrides };
}

function record(child: number, overrides: Partial<JournalRecord> = {}): JournalRecord {
  return {
    v: 1,
    kind: "child",
    key: `acme/api#${child}:pr${child + 100}`,
    repo: "acme/api",
    epic: 7,
    child,
    pull: child + 100,
    outcome: "merged",
    implementer: "google-labs-jules[bot]",
    headSha: "abc",
    openedAt: "2026-11-20T09:00:00Z",
    finishedAt: "2026-11-21T09:00:00Z",
    cycles: { checks: 1, reviews: 0, conflict: 0 },
    automations: ["nudge:checks", "auto-merge"],
    escalated: false,
    ...overrides,
  };
}

const DATA: DashboardData = {
  repo: "acme/api",
  now: NOW,
  epics: [
    { number: 7, title: "epic(security): 5 issues", branch: "epic/7-security", phases: [{ number: 1, name: "Foundations", done: 1, total: 1 }, { number: 2, name: "Implementation", done: 1, total: 4 }], inFlight: 3 },
  ],
  pulls: [
    pull(110, { type: "quality", severity: "high" }),
    pull(111, { type: "security", severity: "medium", ci: "failing", failing: ["test"], cycles: 1 }),
    pull(112, { escalated: true, escalation: "no fix after 2 requests (last: checks)", awaitingReview: false, next: "escalated: a person has it" }),
    pull(113, { awaitingReview: false, next: "checks are running", ci: "pending" }),
  ],
  budget: budgetOf({ entries: [], config: CONFIG, now: NOW, repo: "acme/api" }),
  journal: [record(1), record(2, { openedAt: "2026-11-10T09:00:00Z", finishedAt: "2026-11-12T09:00:00Z", cycles: { checks: 0, reviews: 2, conflict: 1 } }), record(3, { outcome: "closed-unmerged", implementer: "openhands-agent", escalated: true })],
};

describe("renderDashboard", () => {
  it("renders the golden dashboard: escalations, review queue by risk, epics, in flight, budget, metrics, notes", async () => {
    await expect(renderDashboard(DATA)).toMatchFileSnapshot("./__golden__/dashboard.md");
  });

  it("orders the review queue by risk: security first, then severity", () => {
    const body = renderDashboard(DATA);
    expect(body.indexOf("- [ ] #111")).toBeLessThan(body.indexOf("- [ ] #110"));
    expect(body).not.toContain("- [ ] #112");
  });

  it("keeps a person's ticks and notes when it renders again", () => {
    const first = renderDashboard(DATA);
    const edited = first.replace("- [ ] #110", "- [x] #110").replace(/<!-- factory:notes-start -->\n.*\n<!-- factory:notes-end -->/, "<!-- factory:notes-start -->\nmona reviews on Tuesdays\n<!-- factory:notes-end -->");
    const again = renderDashboard({ ...DATA, now: new Date("2026-11-22T10:00:00Z") }, edited);
    expect(again).toContain("- [x] #110");
    expect(again).toContain("mona reviews on Tuesdays");
  });

  it("shortens the least actionable sections first to stay under the limit", () => {
    const many = Array.from({ length: 400 }, (_, i) => pull(1000 + i, { awaitingReview: i % 2 === 0 }));
    const big = { ...DATA, pulls: [...DATA.pulls, ...many] };
    const full = renderDashboard(big, "", 1_000_000);
    const limited = renderDashboard(big, "", 20_000);
    expect(full.length).toBeGreaterThan(20_000);
    expect(limited.length).toBeLessThanOrEqual(20_000);
    expect(limited).toContain("## 🚨 Escalations");
    expect(limited).toContain("#112 for #12 (epic #7)");
    expect(limited).toMatch(/…and \d+ more \| \| \| \|/);
  });
});

describe("the children waiting for an agent's capacity", () => {
  const reason = "waiting for capacity: jules has 3 of 3 children in flight; it goes out as one finishes";
  const waiting = (count: number) => Array.from({ length: count }, (_, i) => ({ child: 20 + i, title: `quality(api): handler ${i + 1} leaks a [file](https://example.com) descriptor`, epic: 7, reason }));

  it("renders the golden section, after the pull requests in flight and before the budget", async () => {
    const body = renderDashboard({ ...DATA, waiting: waiting(2) });
    await expect(body).toMatchFileSnapshot("./__golden__/dashboard-waiting.md");
    expect(body.indexOf("## 🚚 Pull requests in flight")).toBeLessThan(body.indexOf("## ⏳ Waiting for an agent's capacity"));
    expect(body.indexOf("## ⏳ Waiting for an agent's capacity")).toBeLessThan(body.indexOf("## 💰 Budget today"));
    // The title is neutralised (its author wrote it); the reason is the dispatch plan's own.
    expect(body).toMatch(new RegExp(`^- #20 quality\\(api\\): handler 1 leaks a file \\(https:\\S+\\) descriptor \\(epic #7\\): ${reason}$`, "m"));
    expect(body).not.toContain("](https://example.com)");
  });

  it("lists at most 20 and counts the rest", () => {
    const lines = renderDashboard({ ...DATA, waiting: waiting(23) }).split("\n");
    expect(lines.filter((line) => line.includes(`(epic #7): ${reason}`))).toHaveLength(20);
    expect(lines).toContain("- … and 3 more");
  });

  it("leaves the body as it was when no child waits", () => {
    expect(renderDashboard({ ...DATA, waiting: [] })).toBe(renderDashboard(DATA));
    expect(renderDashboard(DATA)).not.toContain("Waiting for an agent's capacity");
  });
});

describe("journalMetrics", () => {
  it("computes completion, time to merge, cycles, escalation rate, per agent and per week", () => {
    const m = journalMetrics(DATA.journal, NOW, 3);
    expect(m).toEqual({
      finished: 3,
      merged: 2,
      completionRate: 0.67,
      medianHoursToMerge: 36,
      cyclesPerPull: { checks: 0.67, reviews: 0.67, conflict: 0.33 },
      escalationRate: 0.33,
      agents: [
        { implementer: "google-labs-jules[bot]", merged: 2, finished: 2, medianHoursToMerge: 36, cyclesPerPull: 2 },
        { implementer: "openhands-agent", merged: 0, finished: 1, cyclesPerPull: 1 },
      ],
      weekly: [
        { week: "2026-11-02", merged: 0 },
        { week: "2026-11-09", merged: 1 },
        { week: "2026-11-16", merged: 1 },
      ],
    });
  });

  it("lists the jobs that failed for good, above everything but the escalations, and only when there are some", () => {
    const failed = Array.from({ length: 12 }, (_, i) => ({ kind: "monitor" as const, repo: "acme/api", deliveryId: `d-${i}`, attempts: 3, failedAt: "2026-11-22T08:59:00.000Z", reason: "GitHub answered 502 `twice`" }));
    const body = renderDashboard({ ...DATA, failedJobs: failed });
    const section = body.slice(body.indexOf("## ⚠️ Jobs that failed"), body.indexOf("## 👀 Review queue"));
    expect(body.indexOf("## 🚨 Escalations")).toBeLessThan(body.indexOf("## ⚠️ Jobs that failed"));
    expect(section).toContain("- 2026-11-22 08:59 UTC: `monitor` after 3 attempts (delivery `d-0`): `` GitHub answered 502 `twice` ``");
    expect(section.split("\n").filter((line) => line.startsWith("- 2026"))).toHaveLength(10);
    expect(section).toContain("… and 2 more");
    expect(renderDashboard(DATA)).not.toContain("Jobs that failed");
  });
});
