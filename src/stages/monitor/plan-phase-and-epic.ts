import type { Config } from "../../config/schema.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { MonitorPlan } from "./monitor-plan.js";
import { planEpicFinish } from "./plan-epic-finish.js";
import { planNextPhase } from "./plan-next-phase.js";

/**
 * After the children: a completed epic merges through its own pull request
 * (`planEpicFinish`), else a phase whose children are all closed hands over
 * to the next (`planNextPhase`).
 */
export function planPhaseAndEpic(args: {
  snapshot: EpicMonitorSnapshot;
  config: Pick<Config, "dispatch" | "labels" | "merge" | "monitor">;
  plan: MonitorPlan;
  closedNow: ReadonlySet<number>;
  now: Date;
}): void {
  const { snapshot, config, plan } = args;
  const { epic } = snapshot;
  const isClosed = (n: number) => args.closedNow.has(n) || snapshot.children.get(n)?.state !== "open";
  const phases = epic.document.phases;
  const next = phases.findIndex((phase) => phase.children.some((child) => !isClosed(child.number)));
  if (next === -1) {
    if (phases.length === 0) return;
    planEpicFinish({ snapshot, config, plan, now: args.now });
    return;
  }
  if (next === 0) return;
  const phase = phases[next];
  if (!phase) return;
  planNextPhase({ snapshot, config, plan, closedNow: args.closedNow, phase });
}
