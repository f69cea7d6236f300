import type { Repo } from "../store-types.js";
import { latestCheckRuns, latestStatuses } from "./commit-ci-state.js";

/** Where one check context stands on a commit. */
export type ContextState = "success" | "pending" | "failure";

/** A check context reported on a commit: a check run's name or a commit status's context. */
export interface HeadContext {
  name: string;
  kind: "check" | "status";
  /** The app that reported a check run; `null` for CI without a sandbox app (GitHub Actions) and for statuses. */
  appId: number | null;
  state: ContextState;
}

const PASSING = new Set(["success", "neutral", "skipped"]);

/**
 * The check contexts that speak for commit `sha`: the latest check run of
 * each name per app and the latest commit status of each context. Finished
 * successful, neutral or skipped runs and `success` statuses pass; runs still
 * going and `pending` statuses are pending; everything else fails.
 */
export function headContexts(params: { repo: Repo; sha: string }): HeadContext[] {
  const { repo, sha } = params;
  const runs = latestCheckRuns(repo, sha).map((run): HeadContext => ({
    name: run.name,
    kind: "check",
    appId: run.app?.id ?? null,
    state: run.status !== "completed" || run.conclusion === null ? "pending" : PASSING.has(run.conclusion) ? "success" : "failure",
  }));
  const statuses = latestStatuses(repo, sha).map((status): HeadContext => ({
    name: status.context,
    kind: "status",
    appId: null,
    state: status.state === "success" ? "success" : status.state === "pending" ? "pending" : "failure",
  }));
  return [...runs, ...statuses];
}
