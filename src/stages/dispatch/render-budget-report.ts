import type { BudgetReport, BudgetToday } from "./budget-report.js";
import { budgetLine } from "./render-dispatch-answer.js";

/** The reply to `/factory budget [--plan|--history|--team|--forecast N]` (SPEC §1.3), from its report. */
export function renderBudgetReport(report: BudgetReport): string {
  switch (report.view) {
    case "summary":
      return [
        head(report),
        "",
        "| Member | Used today | Left |",
        "| --- | ---: | ---: |",
        ...report.members.map((m) => `| ${m.login} | ${m.used} | ${m.left} of ${m.quota} |`),
        `| **pool** | ${report.pool.used} | ${report.pool.left} of ${report.pool.quota} |`,
      ].join("\n");
    case "team":
      return [
        head(report),
        "",
        "| Member | Quota | Used today | Left | By agent |",
        "| --- | ---: | ---: | ---: | --- |",
        ...report.members.map((m) => `| ${m.login} | ${m.quota} | ${m.used} | ${m.left} | ${m.byAgent.map((a) => `${a.agent} ${a.used}`).join(", ") || "—"} |`),
      ].join("\n");
    case "history":
      return [
        "Dispatches over the last 7 UTC days, in all repositories and in this one:",
        "",
        "| Day | Dispatched | This repository | Pool |",
        "| --- | ---: | ---: | ---: |",
        ...report.days.map((d) => `| ${d.day} | ${d.dispatched} | ${d.here} | ${d.pool} |`),
      ].join("\n");
    case "forecast": {
      const { remaining, daysNeeded, horizon } = report;
      const cap = report.repoShare.quota;
      const basis =
        report.basis === "share"
          ? `this repository's daily share (${cap} a day), as nothing was dispatched in the last 7 days`
          : report.basis === "capped"
            ? `this repository's daily share (${cap} a day), below the last 7 days' pace of ${report.observed.toFixed(1)}`
            : `the pace of the last 7 days (${report.observed.toFixed(1)} a day)`;
      const verdict =
        remaining === 0
          ? "Every open epic's children are dispatched already."
          : daysNeeded !== null
            ? `${remaining} undispatched children in open epics take about **${daysNeeded} day${daysNeeded === 1 ? "" : "s"}** at ${basis}${daysNeeded > horizon ? `: more than the ${horizon} days asked about` : ""}.`
            : `${remaining} undispatched children in open epics cannot be dispatched: the daily share is 0.`;
      return [head(report), "", verdict].join("\n");
    }
    case "plan": {
      const lines = report.epics.map((e) => {
        if (e.refusal) return `- #${e.epic}: ${e.refusal}`;
        const handed = e.dispatches.length > 0 ? e.dispatches.map((d) => `#${d.child} → ${d.agent}`).join(", ") : "nothing";
        const waiting = e.waitingForCapacity ?? [];
        const skipped = e.skipped.filter((child) => !waiting.includes(child));
        const notes = [
          ...(skipped.length > 0 ? [`skipping ${skipped.map((child) => `#${child}`).join(", ")}`] : []),
          ...(waiting.length > 0 ? [`waiting for an agent's capacity: ${waiting.map((child) => `#${child}`).join(", ")}`] : []),
        ];
        return `- #${e.epic}: ${handed}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
      });
      const plan =
        lines.length > 0
          ? [`If \`/factory dispatch next\` ran on every open epic of ${report.repo} now (nothing is written):`, "", ...lines].join("\n")
          : "No open epic has children ready to dispatch.";
      return [head(report), "", plan].join("\n");
    }
  }
}

/** `Budget left today (UTC …): pool … · owner/repo … · agent …`, the line dispatch replies end with. */
function head(today: BudgetToday): string {
  return budgetLine({
    day: today.day,
    pool: today.pool.quota,
    used: today.pool.used,
    members: today.members.map((m) => ({ login: m.login, quota: m.quota, used: m.used })),
    agents: today.agents.map((a) => ({ name: a.name, quota: a.quota, used: a.used })),
    repo: { name: today.repo, used: today.repoShare.used, cap: today.repoShare.quota },
  });
}
