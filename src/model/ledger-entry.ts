/**
 * One line of the dispatch ledger (JSONL). Structural fields only; the
 * `key` says which attempt of which child it paid for, so a crash between
 * paying and triggering is repaired, never paid twice.
 */
export interface LedgerEntry {
  v: 1;
  kind: "dispatch";
  /** `owner/repo#issue:attempt`. */
  key: string;
  /** ISO time of the dispatch (UTC days are the budget's days). */
  time: string;
  /** `owner/repo`. */
  repo: string;
  issue: number;
  /** The epic it was dispatched from, if any. */
  epic?: number;
  agent: string;
  /** The member whose quota it spent. */
  member: string;
  /** The webhook delivery that caused it. */
  delivery: string;
}

/**
 * A line that ends an attempt which did not work out (its pull request was
 * closed unmerged, or it was escalated and retried). Until an attempt is
 * released, a ledger line without a dispatched child means a crash to repair;
 * released attempts count as that agent's failures for routing.
 */
export interface LedgerRelease {
  v: 1;
  kind: "release";
  /** The dispatch line it ends. */
  key: string;
  time: string;
  repo: string;
  issue: number;
  reason: string;
  /** The agent never opened a pull request within `dispatch.pickupHours`: routing moves on to the next agent at once. */
  unpicked?: true;
}

/** The key of attempt `attempt` at dispatching `issue` in `repo`. */
export function ledgerKey(params: { repo: string; issue: number; attempt: number }): string {
  return `${params.repo}#${params.issue}:${params.attempt}`;
}

/** One JSON object per line, newline-terminated. */
export function serializeEntries(entries: ReadonlyArray<object>): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
}

/**
 * Reads a ledger file. A line a person broke is skipped and counted, never
 * fatal: the budget is computed from the lines that parse.
 */
export function parseLedger(text: string): { entries: LedgerEntry[]; releases: LedgerRelease[]; unreadable: number } {
  const entries: LedgerEntry[] = [];
  const releases: LedgerRelease[] = [];
  let unreadable = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Partial<LedgerEntry> | Partial<LedgerRelease>;
      const timed = typeof value.time === "string" && !Number.isNaN(Date.parse(value.time));
      if (value.kind === "release" && timed && typeof value.key === "string" && typeof value.repo === "string" && typeof value.issue === "number") {
        releases.push(value as LedgerRelease);
      } else if (
        value.kind === "dispatch" &&
        typeof value.key === "string" &&
        timed &&
        typeof value.repo === "string" &&
        typeof value.issue === "number" &&
        typeof (value as Partial<LedgerEntry>).agent === "string" &&
        typeof (value as Partial<LedgerEntry>).member === "string"
      ) {
        entries.push(value as LedgerEntry);
      } else {
        unreadable += 1;
      }
    } catch {
      unreadable += 1;
    }
  }
  return { entries, releases, unreadable };
}

/** The ledger file of a UTC month: `<directory>/dispatch-YYYY-MM.jsonl`. */
export function ledgerPath(params: { directory: string; date: Date }): string {
  const month = params.date.toISOString().slice(0, 7);
  return `${params.directory.replace(/\/+$/, "")}/dispatch-${month}.jsonl`;
}

/** The UTC day of a time, `YYYY-MM-DD`. */
export function utcDay(time: string | Date): string {
  return (typeof time === "string" ? new Date(time) : time).toISOString().slice(0, 10);
}
