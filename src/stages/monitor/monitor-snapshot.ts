import type { EpicDocument } from "../../model/epic-document.js";
import type { PullSnapshot } from "./pull-snapshot.js";

/** A child of an epic as the monitor sees it. */
export interface MonitorChild {
  number: number;
  title: string;
  state: "open" | "closed";
  /** GitHub's reason: `completed`, `not_planned`, `reopened`, … */
  stateReason: string | null;
  labels: string[];
  /**
   * When it was last reopened. Read only for an open, reopened child whose
   * latest pull request is merged: a merge after the reopening finishes it again.
   */
  reopenedAt?: string;
  /** Pull requests linked to it (by closing keyword or branch name). */
  pulls: PullSnapshot[];
  /** Where it came from, read from its body when it names an audit or is a framework issue; absent otherwise. */
  source?: ChildSource;
}

/** What a child's body says of its origin: read as data, for the journal's `origin`. */
export interface ChildSource {
  /** The audit it was made from: its finding or framework marker, else its `Parent audit: #N` line. */
  audit?: number;
  /** A framework issue (Factory's framework marker): the issues its "Covers" list names. */
  covers?: number[];
}

/** Everything one monitor pass over an epic reads (two GraphQL queries, a third when times decide a step). */
export interface EpicMonitorSnapshot {
  /** `owner/repo`. */
  repo: string;
  epic: { number: number; title: string; state: "open" | "closed"; document: EpicDocument; branch: string };
  defaultBranch: string;
  branchExists: boolean;
  /** Children listed in the epic body; absent means deleted or transferred. */
  children: ReadonlyMap<number, MonitorChild>;
  /** Pull requests from the epic branch into the default branch. */
  epicPulls: PullSnapshot[];
  /** Open pull requests linked to a child but based on another branch. */
  wrongBase: Array<{ pull: number; child: number; base: string }>;
  /**
   * Open pull requests that name a child but were opened by someone who is
   * neither an agent nor a member: never retargeted, never an answer, never
   * released or paid for; only named.
   */
  strangers?: Array<{ pull: number; child: number; author: string }>;
}
