import type { Agent } from "../../config/agent-schema.js";
import type { Config } from "../../config/schema.js";
import { bareLogin, type Author } from "../../model/authorship.js";

/**
 * Whether a pull request is an agent's (SPEC §5): opened by one of a
 * configured agent's accounts, or by a member of the budget (Factory may
 * dispatch as them, and some agents leave the pull request to the person
 * who triggered them). Anyone else's pull request is never retargeted,
 * never answers a request and never releases or spends budget. Logins are
 * compared without case and without GitHub's `[bot]` suffix, which GraphQL
 * leaves out.
 */
export function isAgentPull(params: {
  author: Author | null | undefined;
  agents: ReadonlyArray<Pick<Agent, "accounts">>;
  members: Config["budget"]["members"];
}): boolean {
  const { author } = params;
  if (!author) return false;
  const login = bareLogin(author.login);
  // An app's account (`…[bot]`) is matched only by a bot: a person may register the same name without the suffix.
  const matches = (account: string) => bareLogin(account) === login && (author.bot || !/\[bot\]$/i.test(account));
  if (params.agents.some((agent) => (agent.accounts ?? []).some(matches))) return true;
  return !author.bot && params.members.some((member) => member.login.toLowerCase() === login);
}
