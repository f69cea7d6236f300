import { z } from "zod";
import { loginSchema } from "./login-schema.js";
import { ORG_ONLY } from "./org-only.js";
import { tokenEnvSchema } from "./token-env-schema.js";
import { DEFAULT_DAILY_QUOTA, PLAN_PRESETS, planNameSchema } from "./plan-presets.js";

/**
 * Daily budget. Each member brings a quota; the pool is their sum, days are
 * UTC days (deliberately not configurable, so every repository of an
 * organisation counts the same day).
 */
export const budgetSchema = z
  .strictObject({
    /** Members whose agent quota Factory may spend. Read only from the organisation's `.github` repository. */
    members: z
      .array(
        z
          .strictObject({
            /** The member's GitHub login. */
            login: loginSchema.describe("The member's GitHub login."),
            /**
             * The vendor plan the member's agent tasks run on (`jules-pro`):
             * presets `dailyQuota` and `concurrency`; either, set here, wins.
             */
            plan: planNameSchema.optional(),
            /** Tasks per UTC day this member's quota allows (default 300, or the plan's). */
            dailyQuota: z.number().int().min(0).optional().describe("Tasks per UTC day this member's quota allows (default 300, or the plan's)."),
            /**
             * Most children this member pays for that are in flight at once,
             * across agents: their plan's limit of tasks at once, when the
             * agents run on the member's own account. Unset: no limit.
             */
            concurrency: z
              .number()
              .int()
              .min(1)
              .optional()
              .describe("Most children this member pays for in flight at once (their plan's tasks at once); the rest wait for one to finish."),
            /** Environment variable with this member's token, for dispatching as them. */
            tokenEnv: tokenEnvSchema
              .optional()
              .describe("Name of the environment variable with this member's token (never the token)." + ORG_ONLY),
          })
          .transform((member) => {
            const plan = member.plan === undefined ? undefined : PLAN_PRESETS[member.plan];
            const concurrency = member.concurrency ?? plan?.concurrency;
            return { ...member, dailyQuota: member.dailyQuota ?? plan?.dailyQuota ?? DEFAULT_DAILY_QUOTA, ...(concurrency !== undefined ? { concurrency } : {}) };
          })
          .describe("A member whose daily agent quota Factory may spend." + ORG_ONLY),
      )
      .superRefine((members, ctx) => {
        // Logins are case-insensitive on GitHub, so `Octocat` and `octocat` are one member.
        const seen = new Set<string>();
        members.forEach((member, index) => {
          const key = member.login.toLowerCase();
          if (seen.has(key)) {
            ctx.addIssue({ code: "custom", path: [index, "login"], message: `member '${member.login}' is listed twice` });
          }
          seen.add(key);
        });
      })
      .default([])
      .describe("Members whose daily agent quota Factory may spend; the pool is the sum." + ORG_ONLY),
    /** Largest share of the day's pool one repository may use, 0 to 1; a repository may only lower the organisation's. */
    repoShare: z
      .number()
      .min(0, "must be between 0 and 1")
      .max(1, "must be between 0 and 1")
      .default(0.4)
      .describe("Largest share (0 to 1) of the day's pool one repository may use. A repository may only lower the organisation's."),
  })
  .prefault({})
  .describe("Daily budget shared by the organisation's repositories (UTC days).");
