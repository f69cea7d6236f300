import type { Config } from "../../config/schema.js";
import type { Action, MemberWriter } from "../../model/action.js";
import type { LedgerSnapshot } from "./ledger.js";
import { adapterFor } from "../../agents/adapter-for.js";
import { memberWriter, sessionKey } from "../../agents/member-writers.js";
import { assignmentInstructions, dispatchComment, mentionComment, sessionPrompt } from "./dispatch-comment.js";
import type { DispatchPlan, PlannedDispatch } from "./plan-dispatch.js";

/** The writes of a dispatch plan, and the warnings for its reply. */
export interface HandOverPlan {
  actions: Action[];
  /** Agents triggered with the installation token although they may ignore bots. */
  warnings: string[];
}

/** Inputs of {@link planHandOver}. */
export interface PlanHandOverParams {
  plan: DispatchPlan;
  /** The ledger month the plan was made from: the payment is a compare-and-swap on it. */
  ledger: Pick<LedgerSnapshot, "file" | "text" | "sha">;
  /** The epic dispatched from, if any. */
  epic: number | undefined;
  /** `owner/name` of the repository, for agents told where to work by their assignment. */
  repo: string;
  config: Pick<Config, "budget" | "labels">;
  /** Whether an environment variable holds a token (its value never enters a plan). */
  hasToken: (name: string) => boolean;
}

/**
 * Turns a dispatch plan into actions, pure (SPEC §1.3): pay first — one
 * ledger append, compare-and-swap on the month as read, for the children not
 * yet paid for — then, per child and as a unit of its own (one child's
 * failure does not stop another's), trigger the agent (as the member when
 * Factory has their token), post the target-branch comment and add the
 * dispatched label. A child the ledger already paid for is only handed over.
 */
export function planHandOver(params: PlanHandOverParams): HandOverPlan {
  const { plan, ledger } = params;
  const fresh = plan.dispatches.filter((dispatch) => !dispatch.repair).map((dispatch) => dispatch.entry);
  const actions: Action[] = [];
  if (fresh.length > 0) {
    actions.push({
      kind: "appendLedger",
      key: `pay:${fresh.map((entry) => entry.key).join(",")}`,
      file: ledger.file,
      read: { text: ledger.text, sha: ledger.sha },
      records: fresh,
      message: `factory: ${fresh.map((entry) => `${entry.kind} ${entry.key}`).join(", ")}`,
    });
  }
  const warnings: string[] = [];
  for (const dispatch of plan.dispatches) {
    const as = memberWriter({ agent: dispatch.agent, member: dispatch.member, config: params.config, hasToken: params.hasToken });
    // Agents known to ignore the app are never planned without a member to write as (planChild skips them); an agent only the
    // config describes may or may not, so the answer says how to make sure.
    if (!as && dispatch.agent.trigger.type !== "assignee" && !sessionKey(dispatch.agent, params.hasToken)) {
      warnings.push(
        `${dispatch.agent.name} was triggered by Factory's app, and some agents ignore what a bot does: set \`tokenEnv\` on the agent or on ${dispatch.member} in \`budget.members\`, in the organisation's \`.github\` repository, so Factory acts as the member.`,
      );
    }
    const apiKeyEnv = sessionKey(dispatch.agent, params.hasToken);
    actions.push(...handOver({ dispatch, epic: params.epic, repo: params.repo, as, dispatched: params.config.labels.dispatched, ...(apiKeyEnv ? { apiKeyEnv } : {}) }));
  }
  return { actions, warnings };
}

/** One child's hand-over: the trigger, the target-branch comment, the dispatched label; one unit. */
function handOver(args: { dispatch: PlannedDispatch; epic: number | undefined; repo: string; as: MemberWriter | undefined; dispatched: string; apiKeyEnv?: string }): Action[] {
  const { dispatch, epic } = args;
  const { key, time } = dispatch.entry;
  const unit = `dispatch:${key}`;
  const as = args.as ? { as: args.as } : {};
  const trigger = dispatch.agent.trigger;
  const adapter = adapterFor(dispatch.agent);
  // An agent that takes the branch in its assignment (Copilot) starts on the epic branch; the others are told in the comment.
  const assignment = adapter.assignment
    ? { agentAssignment: { assignee: adapter.assignment.assignee, baseBranch: dispatch.branch, customInstructions: assignmentInstructions({ branch: dispatch.branch, epic, repo: args.repo }) } }
    : {};
  const triggerAction: Action = args.apiKeyEnv
    ? {
        // Through the vendor's API: a session from the epic branch that opens its own pull request; no trigger on GitHub.
        kind: "startSession",
        key: `session:${key}`,
        unit,
        issue: dispatch.child,
        session: { api: "jules", apiKeyEnv: args.apiKeyEnv, repo: args.repo, title: `${key} ${dispatch.title}`.slice(0, 200) },
        startingBranch: dispatch.branch,
        prompt: sessionPrompt({ repo: args.repo, issue: dispatch.child, title: dispatch.title, body: dispatch.body, branch: dispatch.branch, epic }),
      }
    : trigger.type === "label"
      ? { kind: "addLabels", key: `trigger:${key}`, unit, ...as, issue: dispatch.child, labels: [trigger.label] }
      : trigger.type === "assignee"
        ? { kind: "assignAgent", key: `trigger:${key}`, unit, ...as, issue: dispatch.child, login: trigger.login, ...assignment }
        : {
            kind: "comment",
            key: `mention:${key}`,
            unit,
            ...as,
            issue: dispatch.child,
            body: mentionComment({ trigger, branch: dispatch.branch, epic }),
            marker: { kind: "agent-mention", fields: { key } },
            since: time,
          };
  return [
    triggerAction,
    {
      kind: "comment",
      key: `dispatch:${key}`,
      unit,
      issue: dispatch.child,
      body: dispatchComment({ branch: dispatch.branch, epic, agent: dispatch.agent.name, member: dispatch.member }),
      marker: { kind: "dispatch", fields: { child: `#${dispatch.child}`, ...(epic ? { epic: `#${epic}` } : {}), key } },
      since: time,
    },
    { kind: "addLabels", key: `dispatched:${key}`, unit, issue: dispatch.child, labels: [args.dispatched] },
  ];
}
