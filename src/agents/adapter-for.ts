import type { Trigger } from "../config/trigger-schema.js";
import type { AgentAdapter } from "./agent-adapter.js";
import { genericAgent } from "./generic-agent.js";
import { KNOWN_AGENTS } from "./known-agents.js";

/**
 * The adapter of a configured agent: the vendor's when the agent is one
 * Factory knows by name and keeps its trigger kind, else a generic one
 * built from the configured trigger and accounts.
 */
export function adapterFor(agent: { name: string; trigger: Trigger; accounts?: readonly string[] }): AgentAdapter {
  const known = KNOWN_AGENTS[agent.name];
  if (known && known.trigger.type === agent.trigger.type) return { ...known, trigger: agent.trigger, accounts: agent.accounts ?? known.accounts };
  return genericAgent(agent.trigger, agent.accounts ?? []);
}
