import type { JournalRecord } from "../monitor/plan-monitor.js";

/** Figures computed from the journal: finished children only, structural fields only. */
export interface JournalMetrics {
  finished: number;
  merged: number;
  /** merged / finished, 0 to 1; undefined with nothing finished. */
  completionRate?: number;
  /** Median hours from pull request opened to merged. */
  medianHoursToMerge?: number;
  cyclesPerPull: { checks: number; reviews: number; conflict: number };
  /** Escalated / finished. */
  escalationRate?: number;
  agents: Array<{ implementer: string; merged: number; finished: number; medianHoursToMerge?: number; cyclesPerPull: number }>;
  /** Merged children per ISO week (Monday), oldest first, the last `weeks` weeks. */
  weekly: Array<{ week: string; merged: number }>;
}

/** Computes the dashboard's metrics from journal records (SPEC §2: figures come from the journal, not guesses). */
export function journalMetrics(records: readonly JournalRecord[], now: Date, weeks = 8): JournalMetrics {
  const merged = records.filter((r) => r.outcome === "merged");
  const hours = (r: JournalRecord) => (Date.parse(r.finishedAt) - Date.parse(r.openedAt)) / 3_600_000;
  const cycles = { checks: 0, reviews: 0, conflict: 0 };
  for (const record of records) {
    cycles.checks += record.cycles.checks;
    cycles.reviews += record.cycles.reviews;
    cycles.conflict += record.cycles.conflict;
  }
  const per = (n: number) => (records.length > 0 ? round(n / records.length) : 0);
  const implementers = [...new Set(records.map((r) => r.implementer))].sort();
  const monday = (date: Date) => {
    const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
    day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
    return day.toISOString().slice(0, 10);
  };
  const weekly = Array.from({ length: weeks }, (_, index) => monday(new Date(now.getTime() - (weeks - 1 - index) * 7 * 86_400_000)));
  return {
    finished: records.length,
    merged: merged.length,
    ...(records.length > 0 ? { completionRate: round(merged.length / records.length) } : {}),
    ...(merged.length > 0 ? { medianHoursToMerge: round(median(merged.map(hours))) } : {}),
    cyclesPerPull: { checks: per(cycles.checks), reviews: per(cycles.reviews), conflict: per(cycles.conflict) },
    ...(records.length > 0 ? { escalationRate: round(records.filter((r) => r.escalated === true).length / records.length) } : {}),
    agents: implementers.map((implementer) => {
      const mine = records.filter((r) => r.implementer === implementer);
      const mineMerged = mine.filter((r) => r.outcome === "merged");
      return {
        implementer,
        merged: mineMerged.length,
        finished: mine.length,
        ...(mineMerged.length > 0 ? { medianHoursToMerge: round(median(mineMerged.map(hours))) } : {}),
        cyclesPerPull: round(mine.reduce((sum, r) => sum + r.cycles.checks + r.cycles.reviews + r.cycles.conflict, 0) / mine.length),
      };
    }),
    weekly: weekly.map((week) => ({ week, merged: merged.filter((r) => r.finishedAt && monday(new Date(r.finishedAt)) === week).length })),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
