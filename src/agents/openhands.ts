import { mentionRequest, type AgentAdapter } from "./agent-adapter.js";

/**
 * The OpenHands GitHub resolver (a workflow in the repository).
 * - The `fix-me` label asks it to resolve the whole issue; the label trigger
 *   checks nobody, so Factory's app may add it.
 * - A comment containing `@openhands-agent` (or the repository's
 *   `OPENHANDS_MACRO`) asks for one change, and is acted on only from
 *   `OWNER`, `COLLABORATOR` or `MEMBER` authors, so requests go as a member.
 * - It opens a draft pull request from `openhands-fix-issue-N` (then
 *   `-try2` …) as the owner of its `PAT_TOKEN`, or as `github-actions[bot]`
 *   without one (whose pull requests do not start CI).
 *   https://docs.openhands.dev/usage/how-to/github-action
 */
export const openhands: AgentAdapter = {
  vendor: "openhands",
  trigger: { type: "label", label: "fix-me" },
  accounts: ["openhands-agent", "github-actions[bot]"],
  branches: "openhands-fix-issue-N",
  ignoresBots: { trigger: false, requests: true },
  resolvesConflicts: false,
  request: (ask) => mentionRequest("@openhands-agent", ask),
  setUp:
    "The OpenHands resolver acts on `@openhands-agent` only from owners, collaborators and members: set `tokenEnv` on a member in `budget.members` of the organisation's `.github/factory.yml`",
  docs: ["https://docs.openhands.dev/usage/how-to/github-action"],
};
