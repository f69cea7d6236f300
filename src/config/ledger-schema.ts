import { z } from "zod";
import { ORG_ONLY } from "./org-only.js";

/** `name` or `owner/name`, with GitHub's rules for owners and repository names. */
const REPO_REF = /^(?:[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38}\/)?[\w.-]{1,100}$/;

/** True for a relative path whose segments are plain names (no `.`, `..` or empty ones). */
function isRelativeDirectory(path: string): boolean {
  return path.split("/").every((segment) => /^[\w.-]+$/.test(segment) && segment !== "." && segment !== "..");
}

/**
 * Where the dispatch ledger lives. One ledger serves every repository of the
 * organisation, which is what lets the budget be shared; so it is read only
 * from the organisation's `.github` repository (SPEC §5).
 */
export const ledgerSchema = z
  .strictObject({
    /** Repository holding the ledger: a name in the same owner, or `owner/name`. */
    repo: z
      .string()
      .regex(REPO_REF, "must be a repository name or owner/name")
      .default(".github")
      .describe("Repository holding the ledger: a name in the same owner, or owner/name." + ORG_ONLY),
    /** Branch the ledger is written to, kept apart from the default branch. */
    branch: z
      .string()
      .regex(/^(?!.*\.\.)[\w.-][\w./-]*$/, "must be a branch name")
      .default("factory-ledger")
      .describe("Branch the ledger is written to." + ORG_ONLY),
    /** Directory of the ledger files on that branch. */
    directory: z
      .string()
      .refine(isRelativeDirectory, "must be a relative directory such as factory")
      .default("factory")
      .describe("Directory of the ledger files on that branch." + ORG_ONLY),
  })
  .prefault({})
  .describe("Where the dispatch ledger (JSONL) is kept." + ORG_ONLY);
