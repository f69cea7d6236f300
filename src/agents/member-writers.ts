import type { Agent } from "../config/agent-schema.js";
import { adapterFor } from "./adapter-for.js";
import type { AgentApis } from "./session-client.js";
import type { Config } from "../config/schema.js";
import type { Octokit } from "../github/octokit.js";
import type { MemberWriter } from "../model/action.js";

/** Makes an Octokit that acts as the owner of `token` (a member), against the same GitHub as `like`. */
export type UserOctokitFactory = (token: string, like: Octokit) => Octokit;

/** How Factory writes as a member: its environment, where tokens are read by name, and how a client is made from one. */
export interface MemberAccess {
  env: NodeJS.ProcessEnv;
  userOctokit: UserOctokitFactory;
  /** How agents' own APIs are reached (Jules's sessions); Node's `fetch` when absent, a stand-in in tests. */
  agentFetch?: typeof globalThis.fetch;
}

/** Whether Factory's environment holds a token under `name` (its value never leaves here). */
export function hasToken(env: NodeJS.ProcessEnv, name: string): boolean {
  return Boolean(env[name]?.trim());
}

/**
 * Who writes an agent's trigger for a child: the paying member, when
 * Factory has their token and the agent takes members' tokens; else the
 * agent's own token's owner; else nobody (the app writes). Tokens come from
 * Factory's environment, never from a repository.
 */
export function memberWriter(params: { agent: Agent; member: string; config: Pick<Config, "budget">; hasToken: (name: string) => boolean }): MemberWriter | undefined {
  const member = params.config.budget.members.find((m) => m.login.toLowerCase() === params.member.toLowerCase());
  // An agent the organisation did not define (or one told not to) is never triggered as a member.
  if (member?.tokenEnv && params.agent.memberTokens && params.hasToken(member.tokenEnv)) return { tokenEnv: member.tokenEnv, login: member.login };
  return params.agent.tokenEnv && params.hasToken(params.agent.tokenEnv) ? { tokenEnv: params.agent.tokenEnv } : undefined;
}

/**
 * The variable holding the agent's own API key, when Factory reaches it
 * through its vendor's API (Jules's sessions) and the key is in Factory's
 * environment; undefined otherwise (GitHub is the way).
 */
export function sessionKey(agent: Agent, has: (name: string) => boolean): string | undefined {
  return agent.apiKeyEnv !== undefined && adapterFor(agent).sessionApi !== undefined && has(agent.apiKeyEnv) ? agent.apiKeyEnv : undefined;
}

/**
 * Who writes Factory's requests on agents' pull requests when the agent
 * ignores bots: the first member of the budget whose token Factory has. Any
 * member with write access will do for the agent; the first is chosen so
 * every pass and every instance writes as the same person.
 */
export function requestWriter(config: Pick<Config, "budget">, has: (name: string) => boolean): MemberWriter | undefined {
  const member = config.budget.members.find((m) => m.tokenEnv !== undefined && has(m.tokenEnv));
  return member?.tokenEnv ? { tokenEnv: member.tokenEnv, login: member.login } : undefined;
}

/**
 * The people whose comments may carry Factory's request markers besides
 * Factory's app: the budget's members with a token variable, whom the
 * organisation's own file names (SPEC §5) and as whom Factory writes
 * requests to agents that ignore bots.
 */
export function requesters(config: Pick<Config, "budget">): string[] {
  return config.budget.members.filter((m) => m.tokenEnv !== undefined).map((m) => m.login);
}

/** Writes as a member: the token from Factory's environment, its owner from the plan or from GitHub. */
export function memberWriters(access: MemberAccess, like: Octokit): (as: MemberWriter) => Promise<{ octokit: Octokit; login: string }> {
  return async (as) => {
    const token = access.env[as.tokenEnv]?.trim();
    if (!token) throw new Error(`\`${as.tokenEnv}\` is not set in Factory's environment`);
    const octokit = access.userOctokit(token, like);
    return { octokit, login: as.login ?? (await octokit.rest.users.getAuthenticated()).data.login };
  };
}

/** How the executor reaches agents' own APIs: keys by name from Factory's environment, over the injected `fetch` or Node's. */
export function agentApis(access: MemberAccess): AgentApis {
  return { env: access.env, fetch: access.agentFetch ?? globalThis.fetch };
}
