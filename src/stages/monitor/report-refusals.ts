import type { Action, AppliedAction } from "../../model/action.js";
import { neutraliseTitle } from "../../model/neutralise.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import { pullNumbered } from "./pull-numbered.js";

type CheckReport = Extract<Action, { kind: "ensureCheckRun" }>;

/** What Factory asked GitHub for, in the words its check run uses. */
function asked(action: Action): string | undefined {
  if (action.kind === "enableAutoMerge") return action.direct ? "merge it" : "arm auto-merge";
  if (action.kind === "enqueuePull") return "add it to the merge queue";
  return undefined;
}

/**
 * A pass's check-run reports, told what GitHub refused while the pass's
 * merges were applied ("unstable status", "Resource not accessible by
 * integration", a head that moved): the refused pull request's report says
 * so in its "Next:" line instead of promising a merge, so the person looking
 * at the pull request sees why nothing happened. A report that would read as
 * the check run already does is dropped; one the pass had not planned (its
 * summary had not changed) is added. Nothing is retried here: the next event
 * or sweep plans the pull request again.
 */
export function reportRefusals(params: { snapshot: EpicMonitorSnapshot; reports: readonly Action[]; applied: readonly AppliedAction[] }): Action[] {
  const reports = [...params.reports];
  for (const applied of params.applied) {
    const verb = asked(applied.action);
    if (applied.outcome !== "refused" || !verb || !("pull" in applied.action)) continue;
    const pull = pullNumbered(params.snapshot, applied.action.pull);
    if (!pull) continue;
    const key = `check:${pull.number}:${pull.headSha}`;
    const at = reports.findIndex((report) => report.key === key);
    const planned = at >= 0 ? (reports[at] as CheckReport) : undefined;
    const summary = planned?.summary ?? pull.factoryCheck?.summary;
    if (summary === undefined) continue;
    const reason = neutraliseTitle((applied.reason ?? "no reason given").split("\n")[0] as string);
    const next = `Next: waiting: GitHub refused to ${verb} (${reason}); Factory looks again when the pull request or its checks change.`;
    const told = summary.replace(/^Next: .*$/m, next);
    const child = /^Child #(\d+)/.exec(summary)?.[1];
    const report: CheckReport = {
      kind: "ensureCheckRun",
      key,
      headSha: pull.headSha,
      ...(pull.factoryCheck ? { existing: pull.factoryCheck.id } : {}),
      title: `${child ? `#${child} · ` : ""}GitHub refused to ${verb}`.slice(0, 120),
      summary: told,
    };
    if (told === pull.factoryCheck?.summary) {
      if (at >= 0) reports.splice(at, 1);
    } else if (at >= 0) {
      reports[at] = report;
    } else {
      reports.push(report);
    }
  }
  return reports;
}
