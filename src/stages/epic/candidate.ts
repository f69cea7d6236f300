import type { Complexity, FindingType, Scope, Severity } from "../audit/finding.js";

/** The theme of an epic: a finding type, `feature` for `feat(...)` work, or `mixed`. */
export type Theme = FindingType | "feature" | "mixed";

/** Themes in the order epics are planned and listed. */
export const THEMES: readonly Theme[] = ["security", "quality", "performance", "testing", "docs", "feature", "mixed"];

/**
 * An open implementation issue as the epic planner sees it: structural
 * facts only — number, title, labels, markers, dependency lines, locations.
 */
export interface Candidate {
  number: number;
  title: string;
  type: FindingType | "feature";
  severity: Severity;
  complexity: Complexity;
  scope: Scope;
  /** Files the issue names, for keeping children that touch the same file in different phases. */
  paths: string[];
  /** Issues this one depends on: `Depends on #N`, `Blocked by #N`, GitHub's issue dependencies. */
  dependsOn: number[];
  /** A framework issue, and the issues it covers (they depend on it). */
  framework: boolean;
  covers: number[];
  /** The audit it came from, when Factory made it. */
  audit?: number;
}
