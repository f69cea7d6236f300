import { z } from "zod";

/** How finished pull requests are merged. */
export const mergeSchema = z
  .strictObject({
    /** Merge method for agent PRs and the final epic PR. */
    method: z.enum(["squash", "merge", "rebase"]).default("squash").describe("Merge method: squash, merge or rebase."),
    /** Merge green, approved PRs without waiting for a person. */
    auto: z.boolean().default(true).describe("Merge green, approved pull requests automatically."),
  })
  .prefault({})
  .describe("Merging finished pull requests.");
