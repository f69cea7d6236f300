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
  const phase = phases[next];
  if (!phase) return;
  const dispatched = config.labels.dispatched.toLowerCase();
  const started = phase.children.some((line) => snapshot.children.get(line.number)?.labels.some((label) => label.toLowerCase() === dispatched) || isClosed(line.number));
  // The first phase goes out when a maintainer says so; once started, the rest of it follows in waves as its children
  // finish (an agent was at its concurrency, say). A later phase goes out, in full or in waves, once the one before is done.
  if (next === 0 && !(started && args.closedNow.size > 0 && config.dispatch.auto)) return;
  planNextPhase({ snapshot, config, plan, closedNow: args.closedNow, phase });
}
