import { z } from "zod";

/**
 * GitHub refuses bodies over 65,536 characters; Factory keeps its own under
 * 60,000 so maintainers can still edit an epic without hitting the wall.
 * @see https://docs.github.com/en/rest/issues/issues#create-an-issue
 */
const MAX_EPIC_BODY_CHARS = 60_000;

/** GitHub allows 100 sub-issues per parent, closed ones included. */
const MAX_SUB_ISSUES = 100;

/** Branch prefixes must make valid ref names: no spaces, `..`, `~^:?*[\`. */
const BRANCH_PREFIX = /^(?!.*\.\.)(?!.*\/\/)[\w.-][\w./-]*$/;

const count = (min: number) => z.number().int().min(min);

/**
 * The organise stage: how implementation issues are grouped into epics and
 * how an epic is laid out.
 */
export const epicsSchema = z
  .strictObject({
    /** Build epics automatically after an audit has created its issues. */
    auto: z.boolean().default(false).describe("Build epics automatically after an audit has been processed."),
    /** Fewer candidates than this are dispatched directly, without an epic. */
    minChildren: count(1).default(3).describe("Fewer candidates than this are dispatched directly, without an epic."),
    /** Fewer candidates than this (and at least `minChildren`) make one epic. */
    singleEpicBelow: count(1).default(5).describe("Fewer candidates than this make a single epic."),
    /** This many candidates or more are split into themed epics. */
    themedFrom: count(1).default(10).describe("From this many candidates on, epics are split by theme."),
    /** Most children in one epic; a larger group is split. */
    maxChildren: count(1)
      .max(MAX_SUB_ISSUES)
      .default(10)
      .describe(`Most children in one epic (GitHub allows ${MAX_SUB_ISSUES} sub-issues per parent).`),
    /** Longest epic body Factory will write; a larger epic is split. */
    // An epic of one child already takes about 1,300 characters; below 4,000 no split could help.
    maxBodyChars: count(4000)
      .max(MAX_EPIC_BODY_CHARS)
      .default(MAX_EPIC_BODY_CHARS)
      .describe(`Longest epic body Factory writes (at most ${MAX_EPIC_BODY_CHARS}; GitHub's limit is 65,536).`),
    /**
     * Protect epic branches with a repository ruleset mirroring the default
     * branch's required checks and approvals. Needs the app's Administration
     * permission (write), which it does not ask for by default.
     */
    protect: z
      .boolean()
      .default(false)
      .describe("Keep a ruleset on epic branches requiring the default branch's checks and approvals (needs the Administration permission)."),
    /** Epic branches are named `<prefix><number>-<slug>`. */
    branchPrefix: z
      .string()
      .regex(BRANCH_PREFIX, "must be usable in a branch name (letters, digits, `.`, `_`, `-`, `/`)")
      .default("epic/")
      .describe("Prefix of epic branch names: <prefix><number>-<slug>."),
    /** Display names of the three kinds of phase in an epic body. */
    phaseNames: z
      .strictObject({
        /** Phase of blockers: framework issues, shared changes, critical security. */
        blocking: z.string().trim().min(1).default("Foundations").describe("Name of the blocking phase."),
        /** Phase of independent work that can run side by side. */
        parallel: z.string().trim().min(1).default("Implementation").describe("Name of the parallel phase."),
        /** Phase of docs and deprecation removal. */
        cleanup: z.string().trim().min(1).default("Cleanup").describe("Name of the cleanup phase."),
      })
      .prefault({})
      .describe("Names shown in `### Phase N: name (kind)` headings."),
  })
  .superRefine((epics, ctx) => {
    // The thresholds only make sense in order: none → one epic → themed epics.
    if (epics.singleEpicBelow < epics.minChildren) {
      ctx.addIssue({ code: "custom", path: ["singleEpicBelow"], message: "must be at least minChildren" });
    }
    if (epics.themedFrom < epics.singleEpicBelow) {
      ctx.addIssue({ code: "custom", path: ["themedFrom"], message: "must be at least singleEpicBelow" });
    }
    if (epics.maxChildren < epics.minChildren) {
      ctx.addIssue({ code: "custom", path: ["maxChildren"], message: "must be at least minChildren" });
    }
  })
  .prefault({})
  .describe("Grouping implementation issues into epics with phases and an epic branch.");
