import type { MonitorChild } from "./monitor-snapshot.js";
import type { EpicData } from "./read-epic-data.js";
import type { RawIssue } from "./raw-pull.js";

/** The children the epic query found (`c<N>`), in the epic's order, with no pull requests linked yet. */
export function toMonitorChildren(repository: EpicData, numbers: readonly number[]): Map<number, MonitorChild> {
  const children = new Map<number, MonitorChild>();
  for (const n of numbers) {
    const raw = repository[`c${n}`] as RawIssue | null | undefined;
    if (!raw) continue;
    children.set(n, {
      number: raw.number,
      title: raw.title,
      state: raw.state === "OPEN" ? "open" : "closed",
      stateReason: raw.stateReason ? raw.stateReason.toLowerCase() : null,
      labels: raw.labels.nodes.map((label) => label.name),
      pulls: [],
    });
  }
  return children;
}
