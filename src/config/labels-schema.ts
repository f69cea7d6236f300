import { z } from "zod";
import { labelNameSchema } from "./label-name-schema.js";

/** How Factory spells the classification labels it writes (`labels.scheme`). */
export const LABEL_SCHEMES = ["prefixed", "plain"] as const;
/** One of {@link LABEL_SCHEMES}. */
export type LabelScheme = (typeof LABEL_SCHEMES)[number];

/** Names of the labels Factory puts on issues itself. */
export const labelsSchema = z
  .strictObject({
    /** Marks an epic issue. */
    epic: labelNameSchema.default("epic").describe("Label of epic issues."),
    /** Marks a child issue that has been handed to an agent. */
    dispatched: labelNameSchema.default("factory:dispatched").describe("Label of issues handed to an agent."),
    /** Marks an implementation issue left out of epics (too few to group), to be dispatched on its own. */
    direct: labelNameSchema.default("factory:direct").describe("Label of issues dispatched directly, without an epic."),
    /** Marks an epic whose dispatching is paused by `/factory pause`. */
    paused: labelNameSchema.default("factory:paused").describe("Label of epics paused with /factory pause."),
    /** Marks an epic made by hand that a maintainer handed to Factory with `/factory adopt`. */
    adopted: labelNameSchema.default("factory:adopted").describe("Label of hand-made epics taken over with /factory adopt."),
    /**
     * How the classification labels of the implementation issues Factory
     * creates are spelled: `prefixed` (`severity:high`, `type:security`,
     * `complexity:small`, `scope:single-file`) or `plain` (`high`,
     * `security`, `complexity:small`, `single-file`, as hand-run audit
     * runbooks write them). Factory reads both spellings whatever this says.
     */
    scheme: z
      .enum(LABEL_SCHEMES)
      .default("prefixed")
      .describe(
        "Spelling of the classification labels on the implementation issues Factory creates: prefixed (severity:high, type:security, complexity:small, scope:single-file) or plain (high, security, complexity:small, single-file). Both are read either way.",
      ),
  })
  .prefault({})
  .describe("Labels Factory applies.");
