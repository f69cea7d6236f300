import type { AgentSession } from "../model/action.js";
import { julesSessions, type JulesSession } from "./jules-sessions.js";

/** How Factory reaches agents' own APIs: keys by name from its environment, over `fetch` (Node's, or a stand-in in tests). */
export interface AgentApis {
  env: NodeJS.ProcessEnv;
  fetch: typeof globalThis.fetch;
}

/** The client of a session's vendor API, with the key from Factory's environment; a clear error when either is missing. */
export function sessionClient(apis: AgentApis | undefined, session: Pick<AgentSession, "apiKeyEnv">) {
  if (!apis) throw new Error("this flow cannot reach agents' own APIs");
  const apiKey = apis.env[session.apiKeyEnv]?.trim();
  if (!apiKey) throw new Error(`\`${session.apiKeyEnv}\` is not set in Factory's environment`);
  return julesSessions({ apiKey, keyName: session.apiKeyEnv, fetch: apis.fetch });
}

/** States of a session the agent has not taken up yet (or gave up on). */
const NOT_STARTED = new Set(["QUEUED", "FAILED", "STATE_UNSPECIFIED"]);

/**
 * Whether the agent took up the session whose title starts with
 * `session.title`: it exists and has left `QUEUED` (planning, working,
 * waiting for feedback, or done). A session that failed did not.
 * https://jules.google/docs/api/reference/types (SessionState)
 */
export async function sessionStarted(apis: AgentApis, session: AgentSession): Promise<boolean> {
  const found: JulesSession | undefined = await sessionClient(apis, session).find(session.title);
  return found !== undefined && !NOT_STARTED.has(found.state ?? "STATE_UNSPECIFIED");
}
