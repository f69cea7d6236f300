import type { AgentAdapter } from "./agent-adapter.js";
import { claude } from "./claude.js";
import { codex } from "./codex.js";
import { copilot } from "./copilot.js";
import { jules } from "./jules.js";
import { openhands } from "./openhands.js";

/** The agents Factory knows by name: `- name: copilot` in the config is a complete agent. */
export const KNOWN_AGENTS: Readonly<Record<string, AgentAdapter>> = { copilot, jules, claude, openhands, codex };
