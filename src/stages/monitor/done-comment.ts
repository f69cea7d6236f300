import type { Action } from "../../model/action.js";
import type { EpicMonitorSnapshot } from "./monitor-snapshot.js";
import type { PullSnapshot } from "./pull-snapshot.js";

/** One comment on the epic for every child a pass finished (a sync after many merges says it once). */
export function doneComment(args: { snapshot: EpicMonitorSnapshot; done: ReadonlyArray<{ child: number; pull: PullSnapshot }>; closedNow: ReadonlySet<number> }): Action {
  const { snapshot, done } = args;
  const [first] = done;
  const children = done.map((d) => `#${d.child}`).join(", ");
  const pulls = done.map((d) => `#${d.pull.number}`).join(", ");
  const since = done.map((d) => d.pull.mergedAt ?? "").sort()[0];
  return {
    kind: "comment",
    key: `done:${done.map((d) => d.child).join(",")}`,
    issue: snapshot.epic.number,
    body:
      done.length === 1
        ? `${children} is done: ${pulls} was merged into \`${snapshot.epic.branch}\`. ${progress(snapshot, args.closedNow)}`
        : `${children} are done: ${pulls} were merged into \`${snapshot.epic.branch}\`. ${progress(snapshot, args.closedNow)}`,
    marker: { kind: "child-done", fields: { child: `#${first?.child}`, pr: `#${first?.pull.number}`, ...(done.length > 1 ? { more: String(done.length - 1) } : {}) } },
    ...(since ? { since } : {}),
  };
}

function progress(snapshot: EpicMonitorSnapshot, closedNow: ReadonlySet<number>): string {
  // A child missing from the snapshot (deleted or transferred) no longer holds its phase back.
  const isClosed = (n: number) => closedNow.has(n) || snapshot.children.get(n)?.state !== "open";
  return snapshot.epic.document.phases
    .map((phase) => `Phase ${phase.number}: ${phase.children.filter((c) => isClosed(c.number)).length}/${phase.children.length}`)
    .join(" · ");
}
