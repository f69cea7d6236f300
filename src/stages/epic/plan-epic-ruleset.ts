import type { Action } from "../../model/action.js";

/** The name of the ruleset Factory keeps on epic branches. */
export const EPIC_RULESET_NAME = "Factory epic branches";

/**
 * `epics.protect`: the ruleset that makes every epic branch (`<prefix>**`)
 * demand what the default branch demands — its required checks and its
 * approvals — so a child cannot land on an epic branch more easily than the
 * epic lands on the default branch. Nothing when the default branch demands
 * nothing (an empty ruleset would only say so).
 */
export function planEpicRuleset(params: { branchPrefix: string; requiredChecks: readonly string[]; approvals: number }): Extract<Action, { kind: "ensureRuleset" }> | undefined {
  if (params.requiredChecks.length === 0 && params.approvals === 0) return undefined;
  const requiredChecks = [...params.requiredChecks].sort();
  return {
    kind: "ensureRuleset",
    key: `ruleset:${params.branchPrefix}:${requiredChecks.join(",")}:${params.approvals}`,
    name: EPIC_RULESET_NAME,
    include: [`refs/heads/${params.branchPrefix}**`],
    requiredChecks,
    approvals: params.approvals,
  };
}
