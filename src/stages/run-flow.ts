import { applyActions, type ApplyActionsParams } from "../github/executor/apply-actions.js";
import type { Action, AppliedAction } from "../model/action.js";
import { describeActions, type DescribeContext } from "./describe-action.js";

/** What a planner returns: every write as an action, and what the flow answers. */
export interface FlowPlan<Reply> {
  actions: Action[];
  reply: Reply;
  /**
   * Actions that depend on how the first ones went, planned once they are
   * applied (pure): the check runs that report a merge GitHub refused, or
   * the rest of an adoption once its body edit went through.
   */
  after?: (applied: readonly AppliedAction[]) => Action[];
}

/** Who writes and where: the executor's inputs but the actions. */
export type FlowWriter = Omit<ApplyActionsParams, "actions">;

/** Inputs of {@link runFlow}. */
export interface RunFlowParams<Snapshot, Reply> {
  /** Reads what the plan needs from GitHub; writes nothing. */
  observe: () => Promise<Snapshot>;
  /** Pure: the same snapshot gives the same plan. */
  plan: (snapshot: Snapshot) => FlowPlan<Reply>;
  /** Who writes, where, and where follow-up jobs go. */
  writer: FlowWriter;
  /** Describe the plan instead of applying it. */
  dryRun?: boolean;
  /** What the describer may say about the snapshot's issues and pull requests. */
  context?: (snapshot: Snapshot) => DescribeContext;
  /** Plans whose ledger payment another writer beat are observed and planned again, at most this many times in all. */
  attempts?: number;
  /** Told of each payment lost to another writer, before the flow reads again. */
  onConflict?: (conflicts: number) => void;
}

/** What {@link runFlow} did: the last snapshot and plan, what was applied, or the plan in words. */
export interface FlowRun<Snapshot, Reply> {
  snapshot: Snapshot;
  plan: FlowPlan<Reply>;
  /** Each action with its outcome, `after` actions included; empty for a dry run or an empty plan. */
  applied: AppliedAction[];
  /** The dry run's plan, one line per action ({@link describeActions}). */
  described?: string[];
  /** Payments another writer beat before this run's went through. */
  conflicts: number;
}

/** Compare-and-swap attempts on the ledger before a flow gives up. */
export const LEDGER_ATTEMPTS = 5;

/**
 * Runs every flow the same way: observe, plan, then either describe the
 * actions (a dry run) or hand them to the one executor, then the actions
 * the plan makes of their outcomes. When the executor reports that the
 * ledger changed under the plan's payment, the flow reads GitHub again and
 * plans again, so two writers can never both spend the last unit of a budget.
 */
export async function runFlow<Snapshot, Reply>(params: RunFlowParams<Snapshot, Reply>): Promise<FlowRun<Snapshot, Reply>> {
  const attempts = params.attempts ?? LEDGER_ATTEMPTS;
  const apply = (actions: readonly Action[]) => (actions.length === 0 ? Promise.resolve([]) : applyActions({ ...params.writer, actions }));
  for (let conflicts = 0; ; ) {
    const snapshot = await params.observe();
    const plan = params.plan(snapshot);
    if (params.dryRun) return { snapshot, plan, applied: [], described: describeActions(plan.actions, params.context?.(snapshot)), conflicts };
    const applied = await apply(plan.actions);
    if (!applied.some((done) => done.action.kind === "appendLedger" && done.outcome === "refused")) {
      return { snapshot, plan, applied: [...applied, ...(plan.after ? await apply(plan.after(applied)) : [])], conflicts };
    }
    conflicts += 1;
    if (conflicts >= attempts) throw new Error(`The ledger kept changing under ${attempts} attempts to pay for this plan; nothing was paid for or dispatched, try again`);
    params.onConflict?.(conflicts);
  }
}

/**
 * Applies actions already planned from what the caller holds (a command's
 * reaction and reply, a notice to the person who triggered an event): a
 * flow whose observation is the event itself.
 */
export async function applyPlan(writer: FlowWriter, actions: Action[]): Promise<AppliedAction[]> {
  return (await runFlow({ observe: async () => undefined, plan: () => ({ actions, reply: undefined }), writer })).applied;
}
