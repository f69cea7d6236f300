import { z } from "zod";
import { labelNameSchema } from "./label-name-schema.js";

/** The monitor stage: nudging agents on their pull requests and escalating. */
export const monitorSchema = z
  .strictObject({
    /** Unanswered or failed requests to an agent before a PR is escalated. */
    nudgeAttempts: z
      .number()
      .int()
      .min(1)
      .default(2)
      .describe("Unanswered or failed requests to an agent before its PR is escalated."),
    /** Hours without a new commit after which a request counts as unanswered. */
    nudgeTimeoutHours: z
      .number()
      .positive()
      .default(24)
      .describe("Hours without a new commit after which a request counts as unanswered."),
    /** Minutes between reconciling sweeps that catch missed webhooks. */
    sweepIntervalMinutes: z
      .number()
      .int()
      // More often than every 5 minutes spends the installation's hourly request budget for little gain.
      .min(5)
      .max(24 * 60)
      .default(30)
      .describe("Minutes between reconciling sweeps (5 to 1440)."),
    /** Label put on a PR that needs a person. */
    escalationLabel: labelNameSchema
      .default("needs-intervention")
      .describe("Label put on a pull request that needs a person."),
  })
  .prefault({})
  .describe("Watching agent pull requests.");
