import { MAX_BODY_CHARS } from "../audit/body-limit.js";
import { codeSpan } from "../../model/code-span.js";
import type { FailedJob } from "../../queue/job-queue.js";
import { SEVERITIES } from "../audit/finding.js";
import { budgetLine } from "../dispatch/render-dispatch-answer.js";
import { neutraliseTitle } from "../../model/neutralise.js";
import type { DashboardData, DashboardPull, DashboardWait } from "./dashboard-data.js";
import { journalMetrics } from "./journal-metrics.js";
import { keptNotes, tickedPulls } from "./kept-parts.js";

/** The dashboard issue's title. */
export const DASHBOARD_TITLE = "Factory dashboard";

const NOTES_START = "<!-- factory:notes-start -->";
const NOTES_END = "<!-- factory:notes-end -->";

/**
 * The repository's dashboard body (SPEC §2), most actionable first:
 * escalations, the review queue ordered by risk, epics with progress per
 * phase, pull requests in flight, the children waiting for an agent's
 * capacity (only when some are), today's budget, and metrics from the
 * journal with a weekly trend. Text Factory did not write (check names,
 * reasons that quote them) is neutralised. Ticks a person put on
 * review-queue lines and anything written between the notes markers are
 * kept from `previous`. When the body would pass `limit`, the least
 * actionable sections are shortened first (metrics, then the children
 * waiting for capacity, then pull requests in flight, then epics).
 */
export function renderDashboard(data: DashboardData, previous = "", limit = MAX_BODY_CHARS - 1000): string {
  const ticked = tickedPulls(previous);
  const notes = keptNotes(previous, NOTES_START, NOTES_END);
  const caps = { review: Infinity, epics: Infinity, flight: Infinity, waiting: Infinity, agents: Infinity };
  for (;;) {
    const body = compose({ data, ticked, notes, caps });
    if (body.length <= limit) return body;
    // Shorten the least actionable part that still has something to give.
    const order: Array<keyof typeof caps> = ["agents", "waiting", "flight", "epics", "review"];
    const counts = {
      agents: journalMetrics(data.journal, data.now).agents.length,
      waiting: Math.min(data.waiting?.length ?? 0, MAX_WAITING),
      flight: data.pulls.length,
      epics: data.epics.length,
      review: data.pulls.length,
    };
    const next = order.find((key) => Math.min(caps[key], counts[key]) > 0);
    if (!next) return body.slice(0, limit);
    caps[next] = Math.floor(Math.min(caps[next], counts[next]) / 2);
  }
}

function compose(args: { data: DashboardData; ticked: ReadonlySet<number>; notes: string; caps: Record<"review" | "epics" | "flight" | "waiting" | "agents", number> }): string {
  const { data, caps } = args;
  const parts: string[] = [
    `# ${DASHBOARD_TITLE}`,
    "",
    `What Factory is doing in \`${data.repo}\`, most actionable first. Updated ${data.now.toISOString().slice(0, 16).replace("T", " ")} UTC; Factory rewrites this body, except the notes at the end and the boxes you tick.`,
    "",
    ...escalations(data.pulls),
    ...failedJobs(data.failedJobs ?? []),
    ...reviewQueue(data.pulls, args.ticked, caps.review),
    ...epics(data, caps.epics),
    ...inFlight(data.pulls, caps.flight),
    ...waitingForCapacity(data.waiting ?? [], caps.waiting),
    "## 💰 Budget today",
    "",
    budgetLine(data.budget),
    "",
    ...metrics(data, caps.agents),
    "## 📝 Notes",
    "",
    NOTES_START,
    args.notes || "_Anything written here is kept when Factory updates the dashboard._",
    NOTES_END,
    "",
    "<!-- factory:dashboard -->",
    "",
  ];
  return parts.join("\n");
}

/** At most this many failed jobs are listed; the rest are counted. */
const MAX_FAILED_JOBS = 10;

/** Background jobs that failed for good: only when there are some, since each is work Factory did not finish. */
function failedJobs(failed: readonly FailedJob[]): string[] {
  if (failed.length === 0) return [];
  const shown = failed.slice(0, MAX_FAILED_JOBS);
  return [
    "## ⚠️ Jobs that failed",
    "",
    "Background work that failed its last attempt. The sweep and `/factory sync` repair what a monitor or dispatch job missed; a command that failed says so on its issue.",
    "",
    ...shown.map((job) => `- ${job.failedAt.slice(0, 16).replace("T", " ")} UTC: \`${job.kind}\` after ${job.attempts} attempt${job.attempts === 1 ? "" : "s"} (delivery ${codeSpan(job.deliveryId, 64)}): ${codeSpan(job.reason)}`),
    ...(failed.length > shown.length ? [`- … and ${failed.length - shown.length} more; operators find them all in the logs and in \`factory_jobs_failed\`.`] : []),
    "",
  ];
}

function escalations(pulls: readonly DashboardPull[]): string[] {
  const escalated = pulls.filter((p) => p.escalated);
  if (escalated.length === 0) return ["## 🚨 Escalations", "", "None: every pull request is with its agent or Factory.", ""];
  return [
    "## 🚨 Escalations",
    "",
    ...escalated.map((p) => `- #${p.number} for #${p.child} (epic #${p.epic}): ${neutraliseTitle(p.escalation ?? "escalated by hand")}`),
    "",
  ];
}

/** Security first, then severity, then failing CI before passing, then more cycles. */
function byRisk(a: DashboardPull, b: DashboardPull): number {
  const security = (p: DashboardPull) => (p.type === "security" ? 0 : 1);
  const ci = (p: DashboardPull) => ({ failing: 0, pending: 1, none: 2, passing: 3 })[p.ci];
  return (
    security(a) - security(b) ||
    SEVERITIES.indexOf(a.severity as never) - SEVERITIES.indexOf(b.severity as never) ||
    ci(a) - ci(b) ||
    b.cycles - a.cycles ||
    a.number - b.number
  );
}

function reviewQueue(pulls: readonly DashboardPull[], ticked: ReadonlySet<number>, cap: number): string[] {
  const queue = pulls.filter((p) => p.awaitingReview && !p.escalated).sort(byRisk);
  if (queue.length === 0) return ["## 👀 Review queue", "", "Nothing waits for a review.", ""];
  const shown = queue.slice(0, cap);
  return [
    "## 👀 Review queue",
    "",
    "Riskiest first: security, then severity, then CI, then the most requests to the agent. Tick a line to say you are on it.",
    "",
    ...shown.map((p) => `- [${ticked.has(p.number) ? "x" : " "}] #${p.number} — ${p.type}, ${p.severity}, CI ${p.ci}${p.failing.length > 0 ? ` (${p.failing.map((name) => neutraliseTitle(name)).join(", ")})` : ""}, ${p.cycles} request${p.cycles === 1 ? "" : "s"} — for #${p.child} in epic #${p.epic}`),
    ...(queue.length > shown.length ? [`- …and ${queue.length - shown.length} more`] : []),
    "",
  ];
}

function epics(data: DashboardData, cap: number): string[] {
  if (data.epics.length === 0) return ["## 🧩 Epics", "", "No open epic.", ""];
  const shown = data.epics.slice(0, cap);
  const done = data.epics.reduce((sum, e) => sum + e.phases.reduce((s, p) => s + p.done, 0), 0);
  const total = data.epics.reduce((sum, e) => sum + e.phases.reduce((s, p) => s + p.total, 0), 0);
  const inFlight = data.epics.reduce((sum, e) => sum + e.inFlight, 0);
  return [
    "## 🧩 Epics",
    "",
    "| Epic | Phases | Done |",
    "| --- | --- | ---: |",
    ...shown.map((e) => {
      const phases = e.phases.map((p) => `${p.number}. ${p.name} ${p.done}/${p.total}`).join(" · ");
      const d = e.phases.reduce((s, p) => s + p.done, 0);
      const t = e.phases.reduce((s, p) => s + p.total, 0);
      return `| #${e.number} \`${e.branch}\` | ${phases} | ${d}/${t} |`;
    }),
    ...(data.epics.length > shown.length ? [`| …and ${data.epics.length - shown.length} more | | |`] : []),
    "",
    "```mermaid",
    "pie title Children of open epics",
    `  "Done" : ${done}`,
    `  "Pull request open" : ${inFlight}`,
    `  "Not started" : ${Math.max(0, total - done - inFlight)}`,
    "```",
    "",
  ];
}

function inFlight(pulls: readonly DashboardPull[], cap: number): string[] {
  if (pulls.length === 0) return ["## 🚚 Pull requests in flight", "", "None.", ""];
  const shown = [...pulls].sort((a, b) => a.number - b.number).slice(0, cap);
  return [
    "## 🚚 Pull requests in flight",
    "",
    "| Pull request | Child | Epic | Next |",
    "| --- | --- | --- | --- |",
    ...shown.map((p) => `| #${p.number} | #${p.child} | #${p.epic} | ${neutraliseTitle(p.next).replaceAll("|", "\\|")} |`),
    ...(pulls.length > shown.length ? [`| …and ${pulls.length - shown.length} more | | | |`] : []),
    "",
  ];
}

/** At most this many children waiting for capacity are listed; the rest are counted. */
const MAX_WAITING = 20;

/** Children `dispatch next` would leave waiting for an agent's capacity: only when there are some. */
function waitingForCapacity(waiting: readonly DashboardWait[], cap: number): string[] {
  if (waiting.length === 0) return [];
  const shown = waiting.slice(0, Math.min(cap, MAX_WAITING));
  return [
    "## ⏳ Waiting for an agent's capacity",
    "",
    "Ready children of the open epics that every agent taking them is too busy for (as many children in flight as its `concurrency` allows): they go out as those finish.",
    "",
    ...shown.map((w) => `- #${w.child} ${neutraliseTitle(w.title)} (epic #${w.epic}): ${neutraliseTitle(w.reason)}`),
    ...(waiting.length > shown.length ? [`- … and ${waiting.length - shown.length} more`] : []),
    "",
  ];
}

function metrics(data: DashboardData, cap: number): string[] {
  const m = journalMetrics(data.journal, data.now);
  if (m.finished === 0) return ["## 📈 Metrics", "", "No child has finished yet: figures appear here from the journal.", ""];
  const pct = (value: number | undefined) => (value === undefined ? "—" : `${Math.round(value * 100)}%`);
  const agents = m.agents.slice(0, cap);
  return [
    "## 📈 Metrics",
    "",
    `From the journal: ${m.finished} finished children, completion rate ${pct(m.completionRate)}, median time to merge ${m.medianHoursToMerge ?? "—"} h, ` +
      `requests per pull request: CI ${m.cyclesPerPull.checks}, reviews ${m.cyclesPerPull.reviews}, conflicts ${m.cyclesPerPull.conflict}; escalation rate ${pct(m.escalationRate)}.`,
    "",
    "| Agent | Merged | Finished | Median hours to merge | Requests per pull request |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...agents.map((a) => `| ${a.implementer} | ${a.merged} | ${a.finished} | ${a.medianHoursToMerge ?? "—"} | ${a.cyclesPerPull} |`),
    ...(m.agents.length > agents.length ? [`| …and ${m.agents.length - agents.length} more | | | | |`] : []),
    "",
    "```mermaid",
    "xychart-beta",
    '  title "Children merged per week"',
    `  x-axis [${m.weekly.map((w) => `"${w.week.slice(5)}"`).join(", ")}]`,
    `  y-axis "merged" 0 --> ${Math.max(1, ...m.weekly.map((w) => w.merged))}`,
    `  bar [${m.weekly.map((w) => w.merged).join(", ")}]`,
    "```",
    "",
  ];
}
