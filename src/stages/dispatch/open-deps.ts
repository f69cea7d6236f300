import type { DispatchChild, DispatchSnapshot } from "./dispatch-snapshot.js";

/** The child's dependencies that are still open issues. */
export function openDeps(child: DispatchChild, snapshot: Pick<DispatchSnapshot, "openIssues">): number[] {
  return child.dependsOn.filter((number) => snapshot.openIssues.has(number));
}
