import type { Config } from "../../config/schema.js";
import type { EpicPhase } from "../../model/epic-document.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { MonitorPlan } from "./monitor-plan.js";

/**
 * The earlier phases are done and `phase` has children not yet dispatched:
 * dispatch it when `dispatch.auto` is on, else say on the epic that it is ready.
 */
export function planNextPhase(args: {
  snapshot: EpicMonitorSnapshot;
  config: Pick<Config, "dispatch" | "labels">;
  plan: MonitorPlan;
  closedNow: ReadonlySet<number>;
  phase: EpicPhase;
}): void {
  const { snapshot, config, plan, phase } = args;
  const { epic } = snapshot;
  const dispatched = config.labels.dispatched.toLowerCase();
  const waiting = phase.children.filter((line) => {
    const child = snapshot.children.get(line.number);
    return child?.state === "open" && !args.closedNow.has(line.number) && !child.labels.some((label) => label.toLowerCase() === dispatched);
  });
  if (waiting.length === 0) return;
  if (config.dispatch.auto) {
    plan.dispatchNext = true;
    return;
  }
  plan.actions.push({
    kind: "comment",
    key: `phase-ready:${epic.number}:${phase.number}`,
    issue: epic.number,
    body: `Phase ${phase.number} (${phase.name}) is ready: run \`/factory dispatch next\` here to hand it to the agents.`,
    marker: { kind: "phase-ready", fields: { phase: String(phase.number) } },
  });
}
