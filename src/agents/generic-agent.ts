import type { Trigger } from "../config/trigger-schema.js";
import { mentionRequest, type AgentAdapter } from "./agent-adapter.js";

/**
 * An agent the configuration describes by its trigger alone: Factory knows
 * nothing of its vendor, so it writes as the app unless a token is set, asks
 * in plain words (after its mention, for an agent woken by one) and
 * recognises its pull requests by the accounts the configuration lists.
 */
export function genericAgent(trigger: Trigger, accounts: readonly string[]): AgentAdapter {
  return {
    vendor: "generic",
    trigger,
    accounts,
    branches: "any",
    ignoresBots: { trigger: false, requests: false },
      // Asked by a mention, it can be asked on any pull request; whether it pushes there is the organisation's to know.
    resolvesConflicts: trigger.type === "mention",
    request: (ask) => (trigger.type === "mention" ? mentionRequest(trigger.mention, ask) : ask),
    setUp: "Set `tokenEnv` on a member in `budget.members` of the organisation's `.github/factory.yml` if this agent ignores what apps do",
    docs: [],
  };
}
