import type { Trigger } from "../config/trigger-schema.js";

/**
 * How Factory works with one coding agent, as its vendor documents it: how
 * to hand it an issue with the branch to start from, how to ask it for a fix
 * on its pull request so that it acts, which accounts its pull requests come
 * from, and what it needs from the organisation. Pure data and text: the
 * dispatch and monitor planners turn it into actions, and the executor
 * writes them.
 */
export interface AgentAdapter {
  /** The vendor's name, as `agents[].name` gives it (`copilot`), or `generic` for an agent the config describes. */
  vendor: string;
  /** How the agent is handed an issue when the config says nothing. */
  trigger: Trigger;
  /** Accounts its pull requests are opened by. */
  accounts: readonly string[];
  /** The branch names it works on, for the README and the sandbox; pull requests are recognised by author. */
  branches: string;
  /** Where Factory must write as a member (a person), because the agent ignores what bots do. */
  ignoresBots: { trigger: boolean; requests: boolean };
  /**
   * When the agent is assigned through REST with the branch to start from
   * (Copilot's `agent_assignment`), the assignee name that REST takes. Other
   * agents start from the default branch: Factory names the epic branch in
   * its comment and retargets their pull requests.
   */
  assignment?: { assignee: string };
  /**
   * Whether it acts on a request on a pull request it did not open, pushing
   * to that pull request's branch: what `monitor.conflictResolver` needs to
   * hand it a conflict the pull request's own agent could not resolve.
   */
  resolvesConflicts: boolean;
  /** The text of a request on its pull request, in the syntax it acts on; `ask` is Factory's plain question. */
  request(ask: string): string;
  /**
   * The vendor's own API for handing over tasks, when Factory can use one
   * (Jules's sessions): with `apiKeyEnv` set on the agent, a child is handed
   * over as a session starting from the epic branch, and requests on its
   * pull request go into that session, with no member token.
   */
  sessionApi?: "jules";
  /**
   * The vendor's plans, by name, with the tasks a day and the tasks at once
   * each allows, as the vendor lists them: `plan: <vendor>-<name>` on an
   * agent or a member presets its `dailyQuota` and `concurrency`.
   */
  plans?: Readonly<Record<string, PlanLimits>>;
  /** What the organisation must set up, said to people when it is missing. */
  setUp: string;
  /** The vendor's documentation this adapter follows. */
  docs: readonly string[];
}

/** What one plan of a vendor allows. */
export interface PlanLimits {
  /** Tasks a day. */
  dailyQuota: number;
  /** Tasks at once. */
  concurrency: number;
}

/** Prefixes `ask` with `mention` (`@copilot Can you …`), the way agents that answer mentions read requests. */
export function mentionRequest(mention: string, ask: string): string {
  return `${mention} ${ask}`;
}
