import { mentionRequest, type AgentAdapter } from "./agent-adapter.js";

/**
 * GitHub's Copilot coding agent ("Copilot cloud agent").
 * - Handed an issue by assigning `copilot-swe-agent[bot]` through REST with
 *   `agent_assignment: { target_repo, base_branch, custom_instructions }`
 *   (public preview since 2025-12-03), so it starts from the epic branch:
 *   https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/create-a-pr#using-the-rest-api
 *   https://github.blog/changelog/2025-12-03-assign-issues-to-copilot-using-the-api
 * - Only with a user token (a personal access token or a GitHub App
 *   user-to-server token of someone with a Copilot seat); installation
 *   tokens are refused (same page; github/github-mcp-server#1082).
 * - Comments added to the issue after the assignment are not seen; on its
 *   pull request it acts only on comments or reviews that mention `@copilot`,
 *   from people with write access:
 *   https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/make-changes-to-an-existing-pr
 *   https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/review-copilot-prs
 * - Its pull requests are opened by `Copilot` (commits by
 *   `copilot-swe-agent[bot]`) on `copilot/…` branches:
 *   https://docs.github.com/en/copilot/concepts/agents/cloud-agent/risks-and-mitigations
 */
export const copilot: AgentAdapter = {
  vendor: "copilot",
  trigger: { type: "assignee", login: "Copilot" },
  accounts: ["Copilot", "copilot-swe-agent[bot]"],
  branches: "copilot/…",
  ignoresBots: { trigger: true, requests: true },
  assignment: { assignee: "copilot-swe-agent[bot]" },
  resolvesConflicts: false,
  request: (ask) => mentionRequest("@copilot", ask),
  setUp:
    "Copilot is assigned with a member's own token (a personal access token with `repo` scope, or a fine-grained one with read and write access to actions, contents, issues and pull requests) of someone with a Copilot seat and write access; GitHub refuses an app's token. Set `tokenEnv` on that member in `budget.members` of the organisation's `.github/factory.yml`",
  docs: [
    "https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/create-a-pr",
    "https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/make-changes-to-an-existing-pr",
  ],
};
