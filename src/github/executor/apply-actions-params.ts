import type { Action, MemberWriter } from "../../model/action.js";
import type { FactoryIdentity } from "../../model/authorship.js";
import type { FollowUp } from "../../model/follow-up.js";
import type { Octokit, RepoRef } from "../octokit.js";
import type { AgentApis } from "../../agents/session-client.js";

/** Inputs of `applyActions`: who writes, where, what, and where follow-up jobs go. */
export interface ApplyActionsParams {
  octokit: Octokit;
  repo: RepoRef;
  actions: readonly Action[];
  /** Factory's own account: only what it wrote counts as an effect already there. */
  identity: FactoryIdentity;
  /** The member whose token `octokit` carries, when it writes as a person instead of the app. */
  asMember?: string;
  /** Where `enqueue` actions go: the queue that runs follow-up jobs. */
  followUps?: (job: FollowUp) => unknown;
  /** How agents' own APIs are reached (Jules's sessions): the environment their keys are read from, and `fetch`. */
  agentApis?: AgentApis;
  /** Makes the Octokit an action with `as` writes with, and says whose it is. */
  members?: (as: MemberWriter) => Promise<{ octokit: Octokit; login: string }>;
}
