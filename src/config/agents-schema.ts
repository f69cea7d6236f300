import { z } from "zod";
import { agentSchema } from "./agent-schema.js";

/**
 * The agents Factory dispatches to, in order of preference. Names are unique
 * because routing, the ledger and `dispatch.route` refer to agents by name.
 */
export const agentsSchema = z
  .array(agentSchema)
  .superRefine((agents, ctx) => {
    const seen = new Set<string>();
    agents.forEach((agent, index) => {
      if (seen.has(agent.name)) {
        ctx.addIssue({ code: "custom", path: [index, "name"], message: `agent '${agent.name}' is defined twice` });
      }
      seen.add(agent.name);
    });
  })
  .prefault([{ name: "jules" }])
  .describe("Coding agents Factory dispatches to, in order of preference.");
