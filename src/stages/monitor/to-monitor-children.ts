import { findMarker } from "../../model/markers.js";
import { parentAuditOf } from "../../model/parent-audit.js";
import { frameworkCovers } from "../epic/read-candidate.js";
import type { ChildSource, MonitorChild } from "./monitor-snapshot.js";
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
      ...sourceOf(raw.body),
    });
  }
  return children;
}

/** The child's origin from its body: only bodies that name an audit or carry a framework marker are parsed further. */
function sourceOf(body: string | null | undefined): { source?: ChildSource } {
  const audit = parentAuditOf(body);
  const covers = body && findMarker(body, "framework") ? frameworkCovers(body) : undefined;
  if (audit === undefined && covers === undefined) return {};
  return { source: { ...(audit === undefined ? {} : { audit }), ...(covers === undefined ? {} : { covers }) } };
}
