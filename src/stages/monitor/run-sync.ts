import { listIssues } from "../../github/list-issues.js";
import { factoryEpicsAmong } from "../epic/epic-trust.js";
import { renderSyncDryRun } from "./render-sync-dry-run.js";
import { runMonitor, type MonitorOutcome, type RunMonitorParams } from "./run-monitor.js";

/**
 * `/factory sync` and the periodic sweep (SPEC §1.4): a monitor pass over
 * every open epic of the repository, which repairs whatever a lost webhook
 * missed — unticked closed children, merged pull requests with open
 * children, nudges and merges not yet done. With `dryRun`, each epic is read
 * and planned once and nothing is written (each outcome has its `preview`).
 */
export async function runSync(params: Omit<RunMonitorParams, "epic">): Promise<MonitorOutcome[]> {
  const open = await listIssues({ octokit: params.octokit, repo: params.repo, state: "open" });
  const epics = await factoryEpicsAmong({ octokit: params.octokit, repo: params.repo, identity: params.identity, labels: params.config.labels, issues: open });
  const outcomes: MonitorOutcome[] = [];
  for (const epic of epics) outcomes.push(await runMonitor({ ...params, epic: epic.number }));
  return outcomes;
}

/** The reply to `/factory sync`; with `dryRun`, to `/factory sync --dry-run` (what each epic's pass would do). */
export function renderSyncAnswer(outcomes: readonly MonitorOutcome[], options: { dryRun?: boolean } = {}): string {
  if (options.dryRun) {
    // A dry run's outcomes all carry their preview.
    return renderSyncDryRun(outcomes.flatMap((outcome) => (outcome.preview ? [outcome.preview] : [])));
  }
  if (outcomes.length === 0) return "No open epic in this repository: nothing to reconcile.";
  const lines = outcomes.map((outcome) => {
    const did = outcome.actions.length > 0 ? `${outcome.actions.length} change${outcome.actions.length === 1 ? "" : "s"} made` : "nothing was missing";
    return `- #${outcome.epic}: ${did}${outcome.dispatched ? "; next phase dispatched" : ""}`;
  });
  const waiting = outcomes.flatMap((outcome) => outcome.waiting.map((w) => `- #${w.pull} (for #${w.child}): ${w.reason}`));
  return [`Reconciled ${outcomes.length} epic${outcomes.length === 1 ? "" : "s"}:`, ...lines, ...(waiting.length > 0 ? ["", "Waiting:", ...waiting] : [])].join("\n");
}
