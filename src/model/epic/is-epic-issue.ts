import { findMarker } from "../markers.js";

/**
 * Whether an issue is an epic: Factory's epic marker in its body, or the
 * configured epic label (a maintainer's own epic counts too).
 */
export function isEpicIssue(params: { body: string | null | undefined; labels: readonly string[]; epicLabel: string }): boolean {
  const wanted = params.epicLabel.toLowerCase();
  return findMarker(params.body, "epic") !== undefined || params.labels.some((label) => label.toLowerCase() === wanted);
}

/** Whether Factory made the epic (its marker is in the body): only those are extended and reconciled. */
export function isFactoryEpic(body: string | null | undefined): boolean {
  return findMarker(body, "epic") !== undefined;
}
