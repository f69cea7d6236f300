import type { Action } from "../../model/action.js";
import type { EpicPhase } from "../../model/epic-document.js";
import type { HandMadeEpic } from "./read-hand-made-epic.js";

/** The issue `/factory adopt` was written on, as observed. */
export interface AdoptTarget {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  pullRequest: boolean;
  /** Who opened it (null for a deleted account). */
  author: string | null;
  labels: readonly string[];
}

/** What decides whether the issue may be adopted at all, read before its children. */
export interface AdoptGate {
  issue: AdoptTarget;
  /** Factory's app opened it with its epic marker. */
  madeByFactory: boolean;
  /** Factory's own adoption comment is on it. */
  adoptionRecorded: boolean;
  /** Its author has the command permission: whoever opened an issue can always edit its body, which is the plan. */
  authorPermitted: boolean;
  /** The permission commands need, for the explanation. */
  permission: string;
}

/** A child listed in the body, as GitHub has it. */
export type ChildLookup =
  | { kind: "issue"; number: number; id: number; title: string; state: "open" | "closed"; labels: readonly string[] }
  | { kind: "pull"; number: number }
  | { kind: "missing"; number: number };

/** Everything {@link planAdopt} plans from. */
export interface AdoptSnapshot extends AdoptGate {
  /** Every child the body lists, looked up. */
  children: ReadonlyMap<number, ChildLookup>;
  /** Children already listed in another epic Factory runs, with that epic's number. */
  inOtherEpics: ReadonlyMap<number, number>;
  /** Existing branches named `<prefix><number>-…`. */
  epicBranches: readonly string[];
  /** The repository's label names, lower-cased. */
  repoLabels: ReadonlySet<string>;
}

/** A child that stays out of the adopted epic, and why. */
export interface DroppedChild {
  number: number;
  reason: string;
}

/** What `/factory adopt` will do, or why it will not. */
export interface AdoptPlan {
  epic: number;
  /** Set when nothing is written; a sentence or two for the maintainer. */
  refused?: string;
  /** How the body was read (absent when refused before reading it). */
  read?: HandMadeEpic;
  /** The phases as adopted: children that exist, ticked when closed. */
  phases: EpicPhase[];
  dropped: DroppedChild[];
  /** Children whose box said otherwise than GitHub: ticked while open, or unticked while closed. */
  retick: number[];
  slug?: string;
  branch?: string;
  /** The branch `<prefix><number>-…` is there already and is reused. */
  branchReused?: boolean;
  /** Writes before anything is attached to the epic: the body, Factory's adoption record, the labels. */
  actions: Action[];
}
