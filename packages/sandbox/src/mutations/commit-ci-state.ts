import type { CheckRun, CommitStatus, CommitStatusState, Repo } from "../store-types.js";

/*
 * What CI says about one commit, read the same way by REST (combined status),
 * GraphQL (`Commit.status`, `statusCheckRollup`) and mergeability: check runs
 * and commit statuses side by side, each reduced to its latest word.
 */

/** Check run conclusions that fail a rollup. */
const FAILING_CONCLUSIONS = new Set(["failure", "timed_out", "cancelled", "action_required"]);
/** Check run conclusions that pass one. */
const PASSING_CONCLUSIONS = new Set(["success", "neutral", "skipped"]);

/** Every status posted on `sha` in `repo`, newest first (as `GET …/commits/{ref}/statuses` lists them). */
export function statusesOf(repo: Repo, sha: string): CommitStatus[] {
  return [...repo.statuses.values()].filter((s) => s.sha === sha).sort((a, b) => b.id - a.id);
}

/**
 * The latest status of each context on `sha` (contexts compare
 * case-insensitively, as GitHub documents), oldest context first.
 */
export function latestStatuses(repo: Repo, sha: string): CommitStatus[] {
  const latest = new Map<string, CommitStatus>();
  for (const status of statusesOf(repo, sha)) {
    const key = status.context.toLowerCase();
    if (!latest.has(key)) latest.set(key, status);
  }
  return [...latest.values()].sort((a, b) => a.id - b.id);
}

/**
 * The latest check run of each name per app on `sha` (a re-run replaces the
 * earlier one, as on GitHub's checks tab), oldest first.
 */
export function latestCheckRuns(repo: Repo, sha: string): CheckRun[] {
  const latest = new Map<string, CheckRun>();
  for (const run of repo.checkRuns.values()) {
    if (run.headSha !== sha) continue;
    const key = `${run.app?.id ?? "ci"}/${run.name}`;
    const current = latest.get(key);
    if (current === undefined || current.id < run.id) latest.set(key, run);
  }
  return [...latest.values()].sort((a, b) => a.id - b.id);
}

/**
 * The combined state of the latest statuses, as GitHub documents it
 * (https://docs.github.com/en/rest/commits/statuses#get-the-combined-status-for-a-specific-reference):
 * `failure` if any context reports `error` or `failure`, `pending` if there
 * are none or one is `pending`, `success` when every latest one is `success`.
 */
export function combinedStatusState(latest: readonly CommitStatus[]): Exclude<CommitStatusState, "error"> {
  if (latest.some((s) => s.state === "error" || s.state === "failure")) return "failure";
  if (latest.length === 0 || latest.some((s) => s.state === "pending")) return "pending";
  return "success";
}

/**
 * `StatusCheckRollup.state` over check runs and statuses together
 * (https://docs.github.com/en/graphql/reference/objects#statuscheckrollup):
 * the combined status's rules applied to both kinds — anything failed (a
 * failing conclusion, an `error` or `failure` status) makes it FAILURE, else
 * anything unfinished (a run not completed, a `pending` status, a `stale`
 * run) PENDING, else SUCCESS (neutral and skipped runs pass).
 */
export function rollupState(params: { runs: readonly CheckRun[]; statuses: readonly CommitStatus[] }): "FAILURE" | "PENDING" | "SUCCESS" {
  const { runs, statuses } = params;
  if (runs.some((run) => run.conclusion !== null && FAILING_CONCLUSIONS.has(run.conclusion))) return "FAILURE";
  if (statuses.some((s) => s.state === "error" || s.state === "failure")) return "FAILURE";
  if (runs.some((run) => run.status !== "completed" || run.conclusion === null || !PASSING_CONCLUSIONS.has(run.conclusion))) return "PENDING";
  if (statuses.some((s) => s.state === "pending")) return "PENDING";
  return "SUCCESS";
}
