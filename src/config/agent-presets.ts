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

/**
 * The accounts each known agent opens its pull requests as: only pull
 * requests by these accounts (or by a member Factory dispatched as) count as
 * an agent's answer (SPEC §5). Jules opens them as its app's bot; Copilot's
 * coding agent as the `Copilot` bot; the Claude GitHub app as `claude[bot]`;
 * the OpenHands resolver as the account whose token runs it (listed here as
 * its usual `openhands-agent`).
 */
export const AGENT_ACCOUNTS: Readonly<Record<string, readonly string[]>> = {
  jules: ["google-labs-jules[bot]"],
  copilot: ["Copilot", "copilot-swe-agent[bot]"],
  claude: ["claude[bot]"],
  openhands: ["openhands-agent"],
};
