import { mentionRequest, type AgentAdapter } from "./agent-adapter.js";

/**
 * Anthropic's Claude Code GitHub Action (anthropics/claude-code-action).
 * - Wakes on `@claude` (`trigger_phrase`), or a `label_trigger` /
 *   `assignee_trigger` when the workflow sets them; it starts from the
 *   workflow's `base_branch` (default: the default branch), so Factory names
 *   the epic branch in the mention and retargets the pull request.
 * - Bots and apps cannot trigger it unless listed in `allowed_bots`
 *   (docs/security.md), so Factory mentions it as a member.
 * - It pushes a `claude/issue-N-…` branch and may leave a link to open the
 *   pull request to a person (docs/faq.md); comments as `claude[bot]`.
 * - On a pull request it answers `@claude` from people with write access and
 *   pushes to that pull request's branch, whoever opened it: it can resolve
 *   a conflict another agent left (`monitor.conflictResolver`).
 *   https://github.com/anthropics/claude-code-action/blob/main/docs/usage.md
 */
export const claude: AgentAdapter = {
  vendor: "claude",
  trigger: { type: "mention", mention: "@claude" },
  accounts: ["claude[bot]"],
  branches: "claude/issue-N-…",
  ignoresBots: { trigger: true, requests: true },
  resolvesConflicts: true,
  request: (ask) => mentionRequest("@claude", ask),
  setUp:
    "The Claude action ignores comments by apps unless its workflow lists them in `allowed_bots`: set `tokenEnv` on a member in `budget.members` of the organisation's `.github/factory.yml` (a token of someone with write access)",
  docs: ["https://github.com/anthropics/claude-code-action/blob/main/docs/usage.md", "https://github.com/anthropics/claude-code-action/blob/main/docs/security.md"],
};
