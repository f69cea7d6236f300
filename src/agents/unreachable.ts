import type { Agent } from "../config/agent-schema.js";
import type { Config } from "../config/schema.js";
import { adapterFor } from "./adapter-for.js";
import { memberWriter, sessionKey } from "./member-writers.js";

/**
 * Why Factory cannot hand `agent` a child paid for by `member`, or
 * undefined when it can: an agent that ignores what apps do needs a member
 * to write as, and Factory has no token for one. Said in the dispatch
 * answer, with what to set up; nothing is paid for such a child.
 */
export function unreachable(params: { agent: Agent; member: string; config: Pick<Config, "budget">; hasToken: (name: string) => boolean }): string | undefined {
  const adapter = adapterFor(params.agent);
  if (!adapter.ignoresBots.trigger) return undefined;
  // Through the vendor's own API, no member needs to write.
  if (sessionKey(params.agent, params.hasToken)) return undefined;
  return memberWriter(params) ? undefined : `${adapter.setUp}.`;
}
