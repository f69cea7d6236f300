import type { Action, AppliedAction } from "../../model/action.js";
import type { Config } from "../../config/schema.js";
import type { DefaultBranchRules } from "./read-default-branch-rules.js";

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

/** The default branch's rules, when `epics.protect` is on and they were read (`rules` undefined: GitHub told of no default branch). */
export interface Protection {
  rules: DefaultBranchRules | undefined;
}

/** With `epics.protect` on: the ruleset to keep on epic branches, or why there is none, in words for the reply. */
export function planProtection(params: { config: Pick<Config, "epics">; protect: Protection | undefined }): { actions: Action[]; notes: string[] } {
  const rules = params.protect?.rules;
  if (!params.config.epics.protect || !rules) return { actions: [], notes: [] };
  const ruleset = planEpicRuleset({ branchPrefix: params.config.epics.branchPrefix, requiredChecks: rules.requiredChecks, approvals: rules.approvals });
  if (ruleset) return { actions: [ruleset], notes: [] };
  return { actions: [], notes: [`\`epics.protect\` is on, but \`${rules.branch}\` requires no checks and no approvals: there is nothing to mirror on epic branches`] };
}

/** The rulesets GitHub refused in an applied plan, in words for the reply. */
export function protectionRefusals(applied: ReadonlyArray<Pick<AppliedAction, "action" | "outcome" | "reason">>): string[] {
  return applied.flatMap((done) => (done.action.kind === "ensureRuleset" && done.outcome === "refused" ? [`Epic branches are not protected: ${done.reason}`] : []));
}
