import { mentionRequest, type AgentAdapter } from "./agent-adapter.js";

/**
 * OpenAI's Codex cloud, through its GitHub connector.
 * - `@codex` in a comment starts a cloud task; `@codex review` asks for a
 *   review, and a comment such as `@codex fix …` on its pull request updates
 *   it; it acknowledges with 👀.
 *   https://developers.openai.com/codex/integrations/github
 * - Whether it acts on comments by apps is not documented, so Factory writes
 *   as a member.
 * - Its comments and pull requests come from `chatgpt-codex-connector[bot]`
 *   (as third-party tools name it; not in the vendor's documentation).
 */
export const codex: AgentAdapter = {
  vendor: "codex",
  trigger: { type: "mention", mention: "@codex" },
  accounts: ["chatgpt-codex-connector[bot]"],
  branches: "codex/…",
  ignoresBots: { trigger: true, requests: true },
  resolvesConflicts: false,
  request: (ask) => mentionRequest("@codex", ask),
  setUp:
    "Codex is asked with `@codex` by a person connected to it: set `tokenEnv` on a member in `budget.members` of the organisation's `.github/factory.yml` (a token of someone with write access who connected Codex)",
  docs: ["https://developers.openai.com/codex/integrations/github"],
};
