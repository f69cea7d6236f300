import { sessionClient as clientFor, type AgentApis } from "../../agents/session-client.js";
import type { AgentSession } from "../../model/action.js";
import { createOnce } from "./create-once.js";

/**
 * Starts the agent's session for an issue, ensure-style: a session with the
 * same title (one this attempt already started, before a crash) is kept.
 * After an answer that leaves it unknown whether the session was made (a
 * 5xx, no answer), it looks again before starting one more.
 */
export async function startSession(apis: AgentApis | undefined, action: { session: AgentSession; startingBranch: string; prompt: string }): Promise<"done" | "exists"> {
  const client = clientFor(apis, action.session);
  if (await client.find(action.session.title)) return "exists";
  await createOnce({
    create: () => client.start({ repo: action.session.repo, startingBranch: action.startingBranch, title: action.session.title, prompt: action.prompt }),
    landed: () => client.find(action.session.title),
  });
  return "done";
}

/** Sends a request to the newest session whose title starts with the session's prefix; throws when there is none. */
export async function messageSession(apis: AgentApis | undefined, session: AgentSession & { prompt: string }): Promise<void> {
  const client = clientFor(apis, session);
  const found = await client.find(session.title);
  if (!found) throw new Error(`no ${session.api} session titled '${session.title}…' was found with the key in \`${session.apiKeyEnv}\``);
  await client.message(found.name, session.prompt);
}
