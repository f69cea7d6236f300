import type { Trigger } from "./trigger-schema.js";

/**
 * Triggers of the agents Factory knows, so `- name: jules` is a complete
 * agent entry. Jules and OpenHands watch a label, Copilot takes an
 * assignment, and the Claude action answers a mention.
 */
export const AGENT_PRESETS: Readonly<Record<string, Trigger>> = {
  jules: { type: "label", label: "jules" },
  copilot: { type: "assignee", login: "Copilot" },
  claude: { type: "mention", mention: "@claude" },
  openhands: { type: "label", label: "fix-me" },
};
