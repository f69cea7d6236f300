import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { PullSnapshot } from "./pull-snapshot.js";

/** Every pull request a monitor snapshot holds: the children's, then the epic's own. */
export function allPulls(snapshot: EpicMonitorSnapshot): PullSnapshot[] {
  return [...[...snapshot.children.values()].flatMap((child) => child.pulls), ...snapshot.epicPulls];
}

/** The pull request numbered `number` in a monitor snapshot, if it holds it. */
export function pullNumbered(snapshot: EpicMonitorSnapshot, number: number): PullSnapshot | undefined {
  return allPulls(snapshot).find((pull) => pull.number === number);
}
