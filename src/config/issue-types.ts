/**
 * The kinds of work Factory routes to agents. The first five are what an audit
 * finding can be classified as; `feature` covers `feat(...)` issues, which are
 * written by people rather than derived from an audit.
 */
export const ISSUE_TYPES = ["security", "quality", "performance", "testing", "docs", "feature"] as const;

/** One of {@link ISSUE_TYPES}. */
export type IssueType = (typeof ISSUE_TYPES)[number];
