import type { Store } from "../store.js";
import type { Account, CheckRun, CheckSuite, Repo, StoreEvent } from "../store-types.js";
import { renderCheckRun } from "../render/render-check-run.js";
import { renderCheckSuite } from "../render/render-check-suite.js";
import { repoContext } from "./repo-context.js";

/** Builds a `check_run` (when `run` is given) or `check_suite` webhook. */
export function checkPayload(params: {
  store: Store;
  repo: Repo;
  action: "created" | "completed" | "rerequested";
  sender: Account;
  run?: CheckRun;
  suite?: CheckSuite;
}): StoreEvent {
  const { store, repo, action, sender, run, suite } = params;
  if (run) {
    const payload = { action, check_run: renderCheckRun({ store, repo, run, fullSuite: true }), ...repoContext({ repo, sender }) };
    return { name: "check_run", payload, repoId: repo.id, accountId: null };
  }
  if (!suite) throw new Error("checkPayload needs a run or a suite");
  const payload = { action, check_suite: renderCheckSuite({ store, repo, suite }), ...repoContext({ repo, sender }) };
  return { name: "check_suite", payload, repoId: repo.id, accountId: null };
}
