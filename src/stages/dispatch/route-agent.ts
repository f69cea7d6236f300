import type { Config } from "../../config/schema.js";
import type { Agent } from "../../config/agent-schema.js";
import type { FindingType } from "../audit/finding.js";

/**
 * Picks the agent for a child (SPEC §1.3): the first agent, in
 * `dispatch.route` order (or the order of `agents`), that takes the child's
 * type, has not already failed it `failuresBeforeFallback` times, and has
 * quota left today. Returns why none fits otherwise.
 */
export function routeAgent(params: {
  type: FindingType | "feature";
  config: Pick<Config, "agents" | "dispatch">;
  /** Earlier attempts at this child, by agent. */
  attempts: ReadonlyMap<string, number>;
  /** Agents whose daily quota is used up. */
  exhausted: ReadonlySet<string>;
  /** Agents working on as many children as their `concurrency` allows, with how many. */
  full?: ReadonlyMap<string, number>;
}): { agent: Agent } | { none: string; waitingOn?: string[] } {
  const { config } = params;
  const order = config.dispatch.route ?? config.agents.map((agent) => agent.name);
  const agents = order.map((name) => config.agents.find((agent) => agent.name === name)).filter((agent): agent is Agent => agent !== undefined);
  const takers = agents.filter((agent) => agent.issueTypes.includes(params.type));
  if (takers.length === 0) return { none: `no agent takes ${params.type} issues` };
  const fresh = takers.filter((agent) => (params.attempts.get(agent.name) ?? 0) < config.dispatch.failuresBeforeFallback);
  if (fresh.length === 0) return { none: `every agent that takes ${params.type} issues has failed it ${config.dispatch.failuresBeforeFallback} times` };
  const available = fresh.find((agent) => !params.exhausted.has(agent.name) && !params.full?.has(agent.name));
  if (!available) {
    const busy = fresh.filter((agent) => !params.exhausted.has(agent.name) && params.full?.has(agent.name));
    if (busy.length > 0) {
      return {
        none: `waiting for capacity: ${busy.map((agent) => `${agent.name} has ${params.full?.get(agent.name)} of ${agent.concurrency} children in flight`).join(", ")}; it goes out as one finishes`,
        waitingOn: busy.map((agent) => `agent:${agent.name}`),
      };
    }
    return { none: `${fresh.map((agent) => agent.name).join(", ")} ha${fresh.length === 1 ? "s" : "ve"} no quota left today` };
  }
  return { agent: available };
}
