import type { Action } from "../../model/action.js";
import type { JournalRecord } from "./journal-record.js";

/** One monitor pass: the actions, and what the flow does beyond the executor. */
export interface MonitorPlan {
  actions: Action[];
  /** Attempts that ended without a merge: released in the ledger so a retry may go to another agent. */
  releases: Array<{ child: number; reason: string }>;
  /** Open children handed to an agent that has not opened a pull request for them: checked against `dispatch.pickupHours` once the ledger says when. */
  unpicked: number[];
  journal: JournalRecord[];
  /** The next phase is ready and `dispatch.auto` is on: dispatch it (through Stage 3, within the budget). */
  dispatchNext: boolean;
  /** Why each open pull request is waiting, for status replies and logs. */
  waiting: Array<{ pull: number; child: number; reason: string }>;
  /** The "Factory" check run of each open pull request whose summary changed (reporting only, applied after the actions). */
  reports: Action[];
}
