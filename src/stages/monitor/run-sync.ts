import { listIssues } from "../../github/list-issues.js";
import { factoryEpicsAmong } from "../epic/epic-trust.js";
import { renderSyncDryRun } from "./render-sync-dry-run.js";
import { runMonitor, type MonitorOutcome, type RunMonitorParams } from "./run-monitor.js";
import { runReconcile } from "../epic/run-reconcile.js";

/**
 * `/factory sync` and the periodic sweep (SPEC §1.4): over every open epic
 * of the repository, first what the epic itself must have and a crash may
 * have left out (`runReconcile`: its branch, sub-issue links, `Parent:`
 * comments, the ready comment), then a monitor pass, which repairs whatever
 * a lost webhook missed — unticked closed children, merged pull requests
 * with open children, nudges and merges not yet done. With `dryRun`, each
 * epic is read and planned once and nothing is written (each outcome has its
 * `preview`).
 */
export async function runSync(params: Omit<RunMonitorParams, "epic">): Promise<MonitorOutcome[]> {
  const open = await listIssues({ octokit: params.octokit, repo: params.repo, state: "open" });
  const epics = await factoryEpicsAmong({ octokit: params.octokit, repo: params.repo, identity: params.identity, labels: params.config.labels, issues: open });
  const outcomes: MonitorOutcome[] = [];
  for (const epic of epics) {
    const repaired = await runReconcile({ ...params, epic, dryRun: params.dryRun ?? false });
    const outcome = await runMonitor({ ...params, epic: epic.number });
    const preview = outcome.preview ? { preview: { ...outcome.preview, actions: [...repaired.done, ...outcome.preview.actions] } } : {};
    outcomes.push({ ...outcome, ...preview, actions: [...(params.dryRun ? [] : repaired.done), ...outcome.actions], problems: repaired.problems });
  }
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
  const problems = outcomes.flatMap((outcome) => (outcome.problems ?? []).map((problem) => `- ${problem}`));
  return [
    `Reconciled ${outcomes.length} epic${outcomes.length === 1 ? "" : "s"}:`,
    ...lines,
    ...(waiting.length > 0 ? ["", "Waiting:", ...waiting] : []),
    ...(problems.length > 0 ? ["", "Could not repair:", ...problems] : []),
  ].join("\n");
}
