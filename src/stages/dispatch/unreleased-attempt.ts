import type { LedgerEntry, LedgerRelease } from "../../model/ledger-entry.js";

/**
 * A child's last dispatch attempt in the ledger when no release line frees
 * it: paid for and still counting — the attempt a dispatch finishes without
 * paying again, or a retry and a failed pull request release.
 */
export function unreleasedAttempt(params: { entries: readonly LedgerEntry[]; released: ReadonlySet<string>; repo: string; issue: number }): LedgerEntry | undefined {
  const repo = params.repo.toLowerCase();
  const attempts = params.entries.filter((entry) => entry.repo.toLowerCase() === repo && entry.issue === params.issue);
  const last = attempts[attempts.length - 1];
  return last && !params.released.has(last.key) ? last : undefined;
}

/** The release line that frees `attempt`, for `reason`. */
export function releaseOf(attempt: LedgerEntry, params: { now: Date; reason: string; unpicked?: boolean }): LedgerRelease {
  return { v: 1, kind: "release", key: attempt.key, time: params.now.toISOString(), repo: attempt.repo, issue: attempt.issue, reason: params.reason, ...(params.unpicked ? { unpicked: true as const } : {}) };
}
