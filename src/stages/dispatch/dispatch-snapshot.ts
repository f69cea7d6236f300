import type { Agent } from "../../config/agent-schema.js";
import type { Severity } from "../audit/finding.js";
import type { EpicDocument } from "../../model/epic-document.js";
import type { LedgerEntry } from "../../model/ledger-entry.js";

/** A child as dispatch sees it: structural facts only. */
export interface DispatchChild {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  type: Agent["issueTypes"][number];
  severity: Severity;
  dependsOn: number[];
}

/** What the dispatch flow observed. */
export interface DispatchSnapshot {
  /** `owner/repo`. */
  repo: string;
  /** The epic the command is on; undefined for direct dispatch of listed issues. */
  epic?: {
    number: number;
    branch: string;
    document: EpicDocument;
    paused: boolean;
    /** Whether its branch exists: agents open their pull requests against it, so nothing is paid for without it. */
    branchExists: boolean;
  };
  /** Branch agents target without an epic (the default branch). */
  defaultBranch: string;
  repoPaused: boolean;
  /** Children (or listed issues) by number; absent means closed, deleted or not visible. */
  children: ReadonlyMap<number, DispatchChild>;
  /** Open issues of the repository, for dependency checks. */
  openIssues: ReadonlySet<number>;
  /** This month's ledger (and earlier months' when read). */
  ledger: readonly LedgerEntry[];
  /** Keys of attempts the ledger says are over (failed or retried). */
  released?: ReadonlySet<string>;
  /** Keys of attempts released because the agent never opened a pull request: routing moves on from that agent at once. */
  abandoned?: ReadonlySet<string>;
  /** Children each agent with a `concurrency` is working on now, across the organisation. */
  inFlight?: ReadonlyMap<string, number>;
  /** Children each member with a `concurrency` pays for that are in flight now, by lowercased login. */
  membersInFlight?: ReadonlyMap<string, number>;
}

/** One child to hand over. */
export interface PlannedDispatch {
  child: number;
  title: string;
  /** The child's body, for agents handed the task through their own API (who do not read the issue). */
  body: string;
  agent: Agent;
  member: string;
  branch: string;
  entry: LedgerEntry;
  /** The ledger already holds this attempt (a run crashed after paying): finish it without paying again. */
  repair: boolean;
}
