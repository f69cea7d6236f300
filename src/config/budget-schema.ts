import { z } from "zod";
import { loginSchema } from "./login-schema.js";
import { ORG_ONLY } from "./org-only.js";
import { tokenEnvSchema } from "./token-env-schema.js";

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
            /** Tasks per UTC day this member's quota allows. */
            dailyQuota: z.number().int().min(0).default(300).describe("Tasks per UTC day this member's quota allows."),
            /** Environment variable with this member's token, for dispatching as them. */
            tokenEnv: tokenEnvSchema
              .optional()
              .describe("Name of the environment variable with this member's token (never the token)." + ORG_ONLY),
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
