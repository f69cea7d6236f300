import { z } from "zod";
import { AGENT_PRESETS } from "./agent-presets.js";
import { ISSUE_TYPES } from "./issue-types.js";
import { tokenEnvSchema } from "./token-env-schema.js";
import { triggerSchema } from "./trigger-schema.js";

/**
 * One coding agent Factory can dispatch to. Known agents (see
 * {@link AGENT_PRESETS}) need only a name; any other agent must say how it is
 * triggered. The output always carries a trigger.
 */
export const agentSchema = z
  .strictObject({
    /** The agent's name, used in `dispatch.route`, the ledger and the dashboard. */
    name: z
      .string()
      .regex(/^[a-z][a-z\d-]*$/, "agent names are lowercase letters, digits and dashes")
      .describe(`Agent name; ${Object.keys(AGENT_PRESETS).join(", ")} are known and need nothing else.`),
    /** How the agent is handed an issue; preset for known agents. */
    trigger: triggerSchema.optional(),
    /** Most issues handed to this agent per UTC day. */
    dailyQuota: z.number().int().min(0).default(300).describe("Most issues handed to this agent per UTC day."),
    /** The issue types this agent takes; routing skips it for others. */
    issueTypes: z
      .array(z.enum(ISSUE_TYPES))
      .min(1, "an agent must take at least one issue type")
      .default([...ISSUE_TYPES])
      .describe("Issue types this agent takes."),
    /**
     * Environment variable holding a member's token to trigger this agent
     * with, for agents that ignore what a bot does.
     */
    tokenEnv: tokenEnvSchema
      .optional()
      .describe("Name of the environment variable with a member token to trigger this agent with (never the token)."),
  })
  .transform((agent, ctx) => {
    const trigger = agent.trigger ?? AGENT_PRESETS[agent.name];
    if (!trigger) {
      ctx.addIssue({ code: "custom", input: agent, message: `unknown agent '${agent.name}': give it a trigger` });
      return z.NEVER;
    }
    return { ...agent, trigger };
  })
  .describe("A coding agent and how to hand it an issue.");

/** An agent with its trigger resolved. */
export type Agent = z.output<typeof agentSchema>;
