import { mentionRequest, type AgentAdapter } from "./agent-adapter.js";

/**
 * Google's Jules.
 * - Handed an issue by the `jules` label; a label added by an app's token is
 *   not acted on (users report switching to user tokens for it:
 *   iHildy/jules-task-queue), so Factory labels as a member.
 * - It starts from the default branch when labelled; Factory names the epic
 *   branch in its target-branch comment and retargets the pull request. (Its
 *   API takes `sourceContext.githubRepoContext.startingBranch`:
 *   https://developers.google.com/jules/api/reference/rest/v1alpha/sessions)
 * - It reacts 👀 to comments people leave on the pull requests it created,
 *   and pushes fixes; it fixes only its own pull requests
 *   (https://jules.google/docs/changelog/).
 * - Its pull requests come from `google-labs-jules[bot]` on `jules/…` branches.
 * - With an API key (`apiKeyEnv`), Factory starts a session instead: its
 *   `sourceContext.githubRepoContext.startingBranch` is the epic branch, and
 *   `automationMode: AUTO_CREATE_PR` has Jules open the pull request; fix
 *   requests go to the session (`sessions/{id}:sendMessage`), and the key is
 *   sent as `X-Goog-Api-Key` (https://jules.google/docs/api/reference/sessions).
 * - Plans limit tasks a day and tasks at once (15/3, 100/15, 300/60 for the
 *   free, Pro and Ultra plans as listed in late 2025; the limits change:
 *   https://jules.google/docs/usage-limits/).
 */
export const jules: AgentAdapter = {
  vendor: "jules",
  trigger: { type: "label", label: "jules" },
  accounts: ["google-labs-jules[bot]"],
  branches: "jules/…",
  ignoresBots: { trigger: true, requests: true },
  resolvesConflicts: false,
  request: (ask) => mentionRequest("@jules", ask),
  sessionApi: "jules",
  plans: {
    free: { dailyQuota: 15, concurrency: 3 },
    pro: { dailyQuota: 100, concurrency: 15 },
    ultra: { dailyQuota: 300, concurrency: 60 },
  },
  setUp:
    "Jules acts on a `jules` label added by a person, not by an app: set `tokenEnv` on a member in `budget.members` of the organisation's `.github/factory.yml` (a token of someone who connected Jules to this repository, with write access to issues)",
  docs: ["https://jules.google/docs/", "https://developers.google.com/jules/api"],
};
