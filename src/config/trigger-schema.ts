import { z } from "zod";
import { labelNameSchema } from "./label-name-schema.js";
import { loginSchema } from "./login-schema.js";
import { ORG_ONLY } from "./org-only.js";

/**
 * How an agent is handed an issue: a label it watches, an assignment to its
 * account, or a comment that mentions it.
 */
export const triggerSchema = z
  .discriminatedUnion("type", [
    z
      .strictObject({
        /** Hand over by adding a label (Jules, OpenHands). */
        type: z.literal("label"),
        /** The label the agent watches. */
        label: labelNameSchema.describe("The label the agent watches."),
      })
      .describe("Hand over by adding a label."),
    z
      .strictObject({
        /** Hand over by assigning the issue (Copilot). */
        type: z.literal("assignee"),
        /** The account to assign. */
        login: loginSchema.describe("The account the issue is assigned to."),
      })
      .describe("Hand over by assigning the issue."),
    z
      .strictObject({
        /** Hand over with a comment that mentions the agent (Claude). */
        type: z.literal("mention"),
        /** The mention that wakes the agent, e.g. `@claude`. */
        mention: z
          .string()
          .regex(/^@[\w-]+(?:\/[\w-]+)?$/, "must be a mention such as @claude")
          .describe("The mention that wakes the agent, e.g. @claude."),
        /**
         * Text of the comment after the mention; `{branch}` and `{epic}` are
         * filled in. Factory's own wording is used when left out. Read only
         * from the organisation's `.github` repository: it may be posted as a member.
         */
        template: z
          .string()
          .trim()
          .min(1)
          .optional()
          .describe("Comment text after the mention; {branch} and {epic} are filled in." + ORG_ONLY),
      })
      .describe("Hand over with a comment that mentions the agent."),
  ])
  .describe("How the agent is handed an issue.");

/** One of the trigger kinds. */
export type Trigger = z.output<typeof triggerSchema>;
