import type { Agent } from "../config/agent-schema.js";
import type { Config } from "../config/schema.js";
import type { MemberWriter } from "../model/action.js";
import { bareLogin } from "../model/authorship.js";
import { adapterFor } from "./adapter-for.js";
import { sessionKey } from "./member-writers.js";

/** How a request reaches the agent of a pull request: its text and who writes it, or why it cannot. */
export type RequestRoute =
  | {
      body: (ask: string) => string;
      as?: MemberWriter;
      /** The request goes to the agent's session through its vendor's API (the comment only records it). */
      session?: { api: "jules"; apiKeyEnv: string };
    }
  | { unreachable: string };

/**
 * How Factory asks the agent that opened a pull request for a fix, so the
 * agent acts on it: in the agent's own syntax (`@copilot …`) and, for agents
 * that ignore what apps write, as a member. Without a member to write as,
 * such an agent would never see the request: the route says why instead,
 * and the monitor escalates at once rather than counting requests nobody
 * read. A pull request by anyone else (a member's, for an agent that leaves
 * it to a person) gets Factory's plain words from the app.
 */
export function requestRoute(params: { author: string; agents: readonly Agent[]; writer: MemberWriter | undefined; hasKey?: (name: string) => boolean }): RequestRoute {
  const login = bareLogin(params.author);
  const agent = params.agents.find((candidate) => (candidate.accounts ?? []).some((account) => bareLogin(account) === login));
  if (!agent) return { body: (ask) => ask };
  const adapter = adapterFor(agent);
  // With the agent's own API key, the request goes into its session; Factory's comment records it for the next pass.
  const apiKeyEnv = params.hasKey ? sessionKey(agent, params.hasKey) : undefined;
  if (apiKeyEnv && adapter.sessionApi) return { body: (ask) => `Asked **${agent.name}** in its session: ${ask}`, session: { api: adapter.sessionApi, apiKeyEnv } };
  if (!adapter.ignoresBots.requests) return { body: adapter.request };
  if (!params.writer) return { unreachable: `${agent.name} acts only on requests from a person, and Factory has no member to write as. ${adapter.setUp}` };
  return { body: adapter.request, as: params.writer };
}

/**
 * How the resolver agent (`monitor.conflictResolver`) is asked to resolve a
 * conflict on a pull request it did not open: in its syntax, as a member
 * where it ignores apps, or why it cannot be. Undefined without a resolver.
 */
export function resolverRoute(params: { config: Pick<Config, "agents" | "monitor">; writer: MemberWriter | undefined }): (RequestRoute & { agent: string }) | undefined {
  const name = params.config.monitor.conflictResolver;
  const agent = params.config.agents.find((candidate) => candidate.name === name);
  if (!agent) return undefined;
  const adapter = adapterFor(agent);
  if (adapter.ignoresBots.requests && !params.writer) return { agent: agent.name, unreachable: `${agent.name} would resolve the conflict, but acts only on requests from a person, and Factory has no member to write as. ${adapter.setUp}` };
  return { agent: agent.name, body: adapter.request, ...(adapter.ignoresBots.requests && params.writer ? { as: params.writer } : {}) };
}
