import { findFactoryMarker, type AuthoredText, type FactoryIdentity } from "../../model/authorship.js";
import { findMarker } from "../../model/markers.js";

/**
 * Whether an issue looks like an epic: the epic marker in its body, or the
 * configured epic label. Anyone can make an issue look so, which is why this
 * only keeps such issues out of new epics; whether Factory runs an epic is
 * {@link isFactoryEpic}'s (and adoption's) question.
 */
export function isEpicIssue(params: { body: string | null | undefined; labels: readonly string[]; epicLabel: string }): boolean {
  const wanted = params.epicLabel.toLowerCase();
  return findMarker(params.body, "epic") !== undefined || params.labels.some((label) => label.toLowerCase() === wanted);
}

/** Whether Factory made the epic: its app opened the issue and its marker is in the body. */
export function isFactoryEpic(issue: AuthoredText, identity: FactoryIdentity): boolean {
  return findFactoryMarker(issue, identity, "epic") !== undefined;
}
