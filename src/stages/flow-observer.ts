import type { AppliedAction } from "../model/action.js";
import type { DispatchOutcome } from "./dispatch/run-dispatch.js";

/**
 * Optional hooks the flows call with what they did, so metrics (and later
 * the journal) can follow without the flows knowing about them. An observer
 * only watches: it must not throw, and nothing a flow does depends on it.
 */
export interface FlowObserver {
  /** A dispatch run (not a dry run) finished paying and handing over. */
  dispatchDone?(outcome: DispatchOutcome): void;
  /** A monitor pass applied its actions. */
  monitorApplied?(applied: readonly AppliedAction[]): void;
}
