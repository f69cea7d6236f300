import { z } from "zod";

/** How finished pull requests are merged. */
export const mergeSchema = z
  .strictObject({
    /** Merge method for agent PRs and the final epic PR. */
    method: z.enum(["squash", "merge", "rebase"]).default("squash").describe("Merge method: squash, merge or rebase."),
    /** Merge green, approved PRs without waiting for a person. */
    auto: z.boolean().default(true).describe("Merge green, approved pull requests automatically."),
    /**
     * Checks (check run names or commit status contexts) that must be present
     * and green on a pull request's head before it merges, besides those the
     * base branch's protection requires.
     */
    requiredChecks: z
      .array(z.string().trim().min(1))
      .default([])
      .describe("Check run names or status contexts that must be present and green before a merge, besides the branch protection's."),
    /**
     * Approving reviews Factory counts itself when GitHub reports no review
     * decision (a base branch without a review rule, as epic branches usually
     * are): approvals on the current head by people with write access.
     */
    approvals: z
      .number()
      .int()
      .min(0)
      .default(1)
      .describe("Approvals on the current head, by people with write access, that Factory requires where GitHub reports no review decision."),
    /**
     * Merge pull requests on which no CI ever reports. Off by default: a head
     * that no check or status has looked at is never taken for green.
     */
    withoutCI: z
      .boolean()
      .default(false)
      .describe("Merge pull requests on which no check run or commit status ever reports (a repository without CI)."),
  })
  .prefault({})
  .describe("Merging finished pull requests.");
