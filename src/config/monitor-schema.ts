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
    /**
     * An agent asked to resolve a pull request's merge conflict when the
     * pull request's own agent has not after `nudgeAttempts` requests: it
     * merges the target into the branch, keeps the target's side where the
     * two cannot both stay, and says what it dropped. Only if that fails too
     * is the pull request escalated. One that answers mentions on any pull
     * request (`claude`, or an agent of the config triggered by a mention).
     */
    conflictResolver: z
      .string()
      .optional()
      .describe("An agent (e.g. claude) asked to merge the target into a pull request still conflicting after nudgeAttempts requests, before it is escalated; one triggered by a mention."),
    /** Label put on a PR that needs a person. */
    escalationLabel: labelNameSchema
      .default("needs-intervention")
      .describe("Label put on a pull request that needs a person."),
  })
  .prefault({})
  .describe("Watching agent pull requests.");
