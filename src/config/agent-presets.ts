import { KNOWN_AGENTS } from "../agents/known-agents.js";
import type { Trigger } from "./trigger-schema.js";

/**
 * Triggers of the agents Factory knows, so `- name: jules` is a complete
 * agent entry: each vendor's adapter (`src/agents/`) says how it is handed
 * an issue.
 */
export const AGENT_PRESETS: Readonly<Record<string, Trigger>> = Object.fromEntries(Object.entries(KNOWN_AGENTS).map(([name, adapter]) => [name, adapter.trigger]));

/**
 * The accounts each known agent opens its pull requests as: only pull
 * requests by these accounts (or by a member Factory dispatched as) count as
 * an agent's answer (SPEC §5). From each vendor's adapter.
 */
export const AGENT_ACCOUNTS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(Object.entries(KNOWN_AGENTS).map(([name, adapter]) => [name, adapter.accounts]));
