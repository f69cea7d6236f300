import { z } from "zod";
import { labelNameSchema } from "./label-name-schema.js";

/**
 * The dispatch stage: when issues may be handed to agents and in which order
 * agents are tried. That `route` names only defined agents is checked by
 * `configSchema`, which sees both lists.
 */
export const dispatchSchema = z
  .strictObject({
    /** Dispatch the next phase as soon as the current one completes. */
    auto: z.boolean().default(false).describe("Dispatch the next phase as soon as the current one completes."),
    /** Label an owner adds to a `feat(...)` issue to allow its dispatch. */
    approvalLabel: labelNameSchema
      .default("approved")
      .describe("Label an owner adds to a feat(...) issue to allow its dispatch."),
    /** Checks an issue must pass before it is handed to an agent. */
    readiness: z
      .strictObject({
        /** Refuse issues without an acceptance-criteria task list. */
        requireAcceptanceCriteria: z
          .boolean()
          .default(true)
          .describe("Refuse issues without acceptance criteria."),
        /** Heading whose non-empty section marks an issue as not ready. */
        openQuestionsHeading: z
          .string()
          .trim()
          .min(1)
          .default("Open questions")
          .describe("An issue with items under this heading is not ready."),
      })
      .prefault({})
      .describe("Checks an issue must pass before dispatch."),
    /**
     * Hours an agent has to open a pull request for a child handed to it.
     * Past that, the attempt counts as failed and the child goes to the next
     * agent; the payment is released as for a failed attempt.
     */
    pickupHours: z
      .number()
      .min(1)
      .default(24)
      .describe("Hours an agent has to open a pull request for a child handed to it; past that the attempt is released and the child goes to the next agent."),
    /** Failed attempts by one agent before the issue goes to the next agent. */
    failuresBeforeFallback: z
      .number()
      .int()
      .min(1)
      .default(2)
      .describe("Failed attempts by one agent before falling back to the next."),
    /** Agent names in the order routing tries them; defaults to the order of `agents`. */
    route: z
      .array(z.string())
      .min(1, "list at least one agent, or leave route out")
      .optional()
      .describe("Agent names in the order routing tries them; defaults to the order of agents."),
  })
  .prefault({})
  .describe("Handing issues to agents.");
