import type { EpicPhase } from "../../model/epic-document.js";
import { hasLabel } from "./has-label.js";
import type { AdoptSnapshot, ChildLookup, DroppedChild } from "./adopt-plan.js";
import type { HandMadeEpic } from "./read-hand-made-epic.js";

/** The phases of an adopted epic, and the children left out or reticked on the way. */
export interface AdoptedPhases {
  /** The phases as adopted: children that exist, ticked when closed; empty phases left out and the rest renumbered. */
  phases: EpicPhase[];
  dropped: DroppedChild[];
  /** Children whose box said otherwise than GitHub. */
  retick: number[];
}

/**
 * Keeps the children of a hand-made body that exist as issues of this
 * repository, titled and ticked as GitHub has them, and says why each other
 * child is left out.
 */
export function adoptPhases(params: { read: HandMadeEpic; snapshot: AdoptSnapshot; epicLabel: string }): AdoptedPhases {
  const { snapshot } = params;
  const dropped: DroppedChild[] = [];
  const retick: number[] = [];
  const phases: EpicPhase[] = [];
  for (const phase of params.read.phases) {
    const children = phase.children.flatMap((child) => {
      const why = dropReason({ number: child.number, snapshot, epicLabel: params.epicLabel });
      if (why) {
        dropped.push({ number: child.number, reason: why });
        return [];
      }
      const found = snapshot.children.get(child.number) as Extract<ChildLookup, { kind: "issue" }>;
      const closed = found.state === "closed";
      if (child.checked !== closed) retick.push(child.number);
      return [{ number: child.number, title: found.title, checked: closed }];
    });
    if (children.length > 0) phases.push({ number: phases.length + 1, name: phase.name, kind: phase.kind, children });
  }
  return { phases, dropped, retick };
}

function dropReason(params: { number: number; snapshot: AdoptSnapshot; epicLabel: string }): string | undefined {
  const { number, snapshot } = params;
  if (number === snapshot.issue.number) return "it is this epic itself";
  const found = snapshot.children.get(number);
  if (!found || found.kind === "missing") return "no issue has this number in this repository";
  if (found.kind === "pull") return "it is a pull request, not an issue";
  const other = snapshot.inOtherEpics.get(number);
  if (other !== undefined) return `it is already in Factory's epic #${other}; take it out there first`;
  if (hasLabel(found.labels, params.epicLabel)) return "it is an epic itself";
  return undefined;
}
