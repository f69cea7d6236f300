import { z } from "zod";
import { AGENT_ACCOUNTS, AGENT_PRESETS } from "./agent-presets.js";
import { KNOWN_AGENTS } from "../agents/known-agents.js";
import { loginSchema } from "./login-schema.js";
import { ISSUE_TYPES } from "./issue-types.js";
import { tokenEnvSchema } from "./token-env-schema.js";
import { ORG_ONLY } from "./org-only.js";
import { triggerSchema } from "./trigger-schema.js";
import { DEFAULT_DAILY_QUOTA, PLAN_PRESETS, planNameSchema } from "./plan-presets.js";

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
    /**
     * How the agent is handed an issue; preset for known agents. For an
     * agent of the organisation that acts with a member's token, read only
     * from the organisation's configuration.
     */
    trigger: triggerSchema
      .optional()
      .describe(
        "How the agent is handed an issue; preset for known agents. Read only from the organisation's .github repository for its agents that act with a member's token.",
      ),
    /**
     * The vendor plan the agent runs on (`jules-pro`): presets `dailyQuota`
     * and `concurrency` to the plan's limits; either, set here, wins.
     */
    plan: planNameSchema.optional(),
    /** Most issues handed to this agent per UTC day (default 300, or its plan's); a repository may only lower the organisation's. */
    dailyQuota: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Most issues handed to this agent per UTC day (default 300, or its plan's). A repository may only lower the organisation's."),
    /**
     * Most children this agent works on at once, across the organisation:
     * its plan's limit of tasks in flight (Jules: 3 on the free plan, 15 on
     * Pro, 60 on Ultra). Children past it wait, and go out as others finish.
     * Unset: no limit. A repository may only lower the organisation's.
     */
    concurrency: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Most children this agent works on at once across the organisation (its plan's limit of tasks in flight); the rest wait for one to finish. A repository may only lower the organisation's."),
    /** The issue types this agent takes; routing skips it for others. A repository may only narrow the organisation's. */
    issueTypes: z
      .array(z.enum(ISSUE_TYPES))
      .min(1, "an agent must take at least one issue type")
      .default([...ISSUE_TYPES])
      .describe("Issue types this agent takes. A repository may only narrow the organisation's list."),
    /**
     * Accounts the agent opens pull requests as. Pull requests by anyone
     * else (or a member Factory dispatched as) are never taken for the
     * agent's work. Known agents have theirs preset.
     */
    accounts: z
      .array(loginSchema)
      .optional()
      .describe("Accounts the agent opens pull requests as; pull requests by anyone else are not taken for its work. Preset for known agents."),
    /**
     * Whether Factory may trigger this agent with the paying member's token
     * (`budget.members[].tokenEnv`). An agent only a repository defines never
     * is; a repository may switch it off for an agent of the organisation.
     */
    memberTokens: z
      .boolean()
      .default(true)
      .describe("Whether Factory may trigger this agent with the paying member's token; agents only a repository defines never are."),
    /**
     * Environment variable holding a member's token to trigger this agent
     * with, for agents that ignore what a bot does. Read only from the
     * organisation's `.github` repository (SPEC §5).
     */
    tokenEnv: tokenEnvSchema
      .optional()
      .describe(
        "Name of the environment variable with a member token to trigger this agent with (never the token)." + ORG_ONLY,
      ),
    /**
     * Environment variable holding the agent's own API key (Jules: from
     * jules.google.com/settings), so Factory hands children over through the
     * vendor's API instead of a trigger. Read only from the organisation's
     * `.github` repository (SPEC §5).
     */
    apiKeyEnv: tokenEnvSchema
      .optional()
      .describe("Name of the environment variable with the agent's own API key (Jules), to hand children over through its API (never the key)." + ORG_ONLY),
  })
  .transform((agent, ctx) => {
    const trigger = agent.trigger ?? AGENT_PRESETS[agent.name];
    if (!trigger) {
      ctx.addIssue({ code: "custom", input: agent, message: `unknown agent '${agent.name}': give it a trigger` });
      return z.NEVER;
    }
    const accounts = agent.accounts ?? [...(AGENT_ACCOUNTS[agent.name] ?? (trigger.type === "assignee" ? [trigger.login] : []))];
    if (agent.apiKeyEnv !== undefined && !KNOWN_AGENTS[agent.name]?.sessionApi) {
      ctx.addIssue({ code: "custom", input: agent.apiKeyEnv, path: ["apiKeyEnv"], message: `Factory reaches ${agent.name} through GitHub only; an API key is used for ${Object.entries(KNOWN_AGENTS).filter(([, a]) => a.sessionApi).map(([n]) => n).join(", ")}` });
      return z.NEVER;
    }
    const plan = agent.plan === undefined ? undefined : PLAN_PRESETS[agent.plan];
    if (plan && plan.agent !== agent.name) {
      ctx.addIssue({ code: "custom", input: agent.plan, path: ["plan"], message: `${agent.plan} is a plan of ${plan.agent}, not of ${agent.name}` });
      return z.NEVER;
    }
    const dailyQuota = agent.dailyQuota ?? plan?.dailyQuota ?? DEFAULT_DAILY_QUOTA;
    const concurrency = agent.concurrency ?? plan?.concurrency;
    return { ...agent, trigger, accounts, dailyQuota, ...(concurrency !== undefined ? { concurrency } : {}) };
  })
  .describe("A coding agent and how to hand it an issue.");

/** An agent with its trigger resolved. */
export type Agent = z.output<typeof agentSchema>;
