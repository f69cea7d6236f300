import { MAX_BODY_CHARS } from "../audit/body-limit.js";
import type { Budget } from "../dispatch/budget.js";
import { fitTitle } from "../../model/fit-title.js";
import { neutraliseTitle } from "../../model/neutralise.js";
import type { JournalRecord } from "../monitor/plan-monitor.js";
import { journalMetrics } from "./journal-metrics.js";
import { keptNotes } from "./kept-parts.js";

/** The organisation dashboard issue's title. */
export const ORG_DASHBOARD_TITLE = "Factory dashboard (organisation)";

/** One repository, as the organisation dashboard sums it up. */
export interface OrgRepoSummary {
  /** `owner/name`. */
  name: string;
  epics: Array<{ number: number; title: string; done: number; total: number }>;
  /** Open pull requests and issues labelled for a person. */
  escalated: Array<{ number: number; title: string }>;
  /** Open children handed to an agent and not finished. */
  inFlight: number;
}

const NOTES_START = "<!-- factory:notes-start -->";
const NOTES_END = "<!-- factory:notes-end -->";

/**
 * The organisation's dashboard body (SPEC §2), in its `.github` repository:
 * escalations across repositories first, then each repository's open epics
 * with progress, today's pool, and the journal's figures for the whole
 * organisation. Notes written between the markers are kept.
 */
export function renderOrgDashboard(params: {
  org: string;
  now: Date;
  repos: readonly OrgRepoSummary[];
  budget: Pick<Budget, "day" | "pool" | "used" | "members">;
  journal: readonly JournalRecord[];
  previous?: string;
}): string {
  const notes = keptNotes(params.previous ?? "", NOTES_START, NOTES_END);
  const escalated = params.repos.flatMap((repo) => repo.escalated.map((item) => `- ${repo.name}#${item.number} ${fitTitle(neutraliseTitle(item.title), 100)}`));
  const active = params.repos.filter((repo) => repo.epics.length > 0 || repo.inFlight > 0 || repo.escalated.length > 0);
  const m = journalMetrics(params.journal, params.now);
  const pct = (value: number | undefined) => (value === undefined ? "—" : `${Math.round(value * 100)}%`);
  const lines = [
    `# ${ORG_DASHBOARD_TITLE}`,
    "",
    `Every repository of \`${params.org}\` Factory works in, most actionable first. Updated ${params.now.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
    "",
    "## 🚨 Escalations",
    "",
    ...(escalated.length > 0 ? escalated : ["None."]),
    "",
    "## 🏭 Repositories",
    "",
    ...(active.length === 0
      ? ["No repository has open epics or work in flight."]
      : [
          "| Repository | Open epics | Children done | In flight | Escalated |",
          "| --- | --- | ---: | ---: | ---: |",
          ...active.map((repo) => {
            const done = repo.epics.reduce((sum, e) => sum + e.done, 0);
            const total = repo.epics.reduce((sum, e) => sum + e.total, 0);
            const epics = repo.epics.map((e) => `#${e.number} ${e.done}/${e.total}`).join(", ") || "—";
            return `| ${repo.name} | ${epics} | ${done}/${total} | ${repo.inFlight} | ${repo.escalated.length} |`;
          }),
        ]),
    "",
    "## 💰 Budget today",
    "",
    `Pool: ${Math.max(0, params.budget.pool - params.budget.used)} of ${params.budget.pool} left (UTC ${params.budget.day}).`,
    "",
    ...(params.budget.members.length > 0
      ? ["| Member | Used | Left |", "| --- | ---: | ---: |", ...params.budget.members.map((member) => `| ${member.login} | ${member.used} | ${Math.max(0, member.quota - member.used)} of ${member.quota} |`), ""]
      : []),
    "## 📈 Metrics",
    "",
    m.finished === 0
      ? "No child has finished yet."
      : `${m.finished} finished children across the organisation, completion rate ${pct(m.completionRate)}, median time to merge ${m.medianHoursToMerge ?? "—"} h, escalation rate ${pct(m.escalationRate)}.`,
    "",
    "## 📝 Notes",
    "",
    NOTES_START,
    notes || "_Anything written here is kept when Factory updates the dashboard._",
    NOTES_END,
    "",
    "<!-- factory:org-dashboard -->",
    "",
  ];
  const body = lines.join("\n");
  return body.length <= MAX_BODY_CHARS - 1000 ? body : `${body.slice(0, MAX_BODY_CHARS - 1100)}\n\n…shortened\n\n<!-- factory:org-dashboard -->\n`;
}
