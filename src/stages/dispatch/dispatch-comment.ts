import type { Trigger } from "../../config/trigger-schema.js";

/** The line agents read to know where to work (SPEC §1.3). */
export function targetBranchLine(params: { branch: string; epic?: number }): string {
  return `Target branch: \`${params.branch}\`${params.epic ? ` (epic #${params.epic})` : ""}`;
}

/** Factory's comment on a dispatched child: the target branch, who has it, and how it was paid for. */
export function dispatchComment(params: { branch: string; epic?: number; agent: string; member: string }): string {
  return [
    targetBranchLine(params),
    "",
    `Handed to **${params.agent}** on ${params.member}'s quota. Open the pull request against \`${params.branch}\`${params.epic ? `; it is merged into the default branch with the rest of epic #${params.epic}` : ""}.`,
  ].join("\n");
}

/** The comment that wakes a mention-triggered agent. */
export function mentionComment(params: { trigger: Extract<Trigger, { type: "mention" }>; branch: string; epic?: number }): string {
  const template = params.trigger.template ?? (params.epic ? "please implement this issue on `{branch}` (epic {epic})." : "please implement this issue on `{branch}`.");
  const text = template.replaceAll("{branch}", params.branch).replaceAll("{epic}", params.epic ? `#${params.epic}` : "none");
  return `${params.trigger.mention} ${text}`;
}

/** What an agent assigned with instructions (Copilot) is told besides the issue: where its pull request goes. */
export function assignmentInstructions(params: { branch: string; epic?: number | undefined; repo: string }): string {
  return `Work on a branch made from \`${params.branch}\` and open the pull request against \`${params.branch}\` in ${params.repo}${params.epic ? `: it is part of epic #${params.epic}, which is merged into the default branch as a whole` : ""}.`;
}

/** Characters of the issue's body a session's prompt carries at most. */
const PROMPT_BODY = 16_000;

/**
 * The prompt of a session started through an agent's API (Jules): the agent
 * does not read the issue, so the prompt carries it — its title, link and
 * body (without Factory's hidden markers, cut at {@link PROMPT_BODY}
 * characters) — then where to start and where the pull request goes, and the
 * closing line that links the pull request to the issue.
 */
export function sessionPrompt(params: { repo: string; issue: number; title: string; body: string; branch: string; epic?: number | undefined }): string {
  const body = params.body.replace(/<!--[\s\S]*?-->/g, "").trim();
  const cut = body.length > PROMPT_BODY ? `${body.slice(0, PROMPT_BODY)}\n\n(cut: the whole issue is at the link above)` : body;
  return [
    `Implement issue #${params.issue} of ${params.repo}: ${params.title}`,
    `https://github.com/${params.repo}/issues/${params.issue}`,
    "",
    cut,
    "",
    `Start from \`${params.branch}\` and open the pull request against \`${params.branch}\`${params.epic ? ` (it is part of epic #${params.epic})` : ""}. Write "Fixes #${params.issue}" in the pull request's description.`,
  ].join("\n");
}
