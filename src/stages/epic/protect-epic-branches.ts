import type { Config } from "../../config/schema.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { readDefaultBranchRules } from "./read-default-branch-rules.js";
import type { Action, AppliedAction } from "../../model/action.js";
import { planEpicRuleset } from "./plan-epic-ruleset.js";

/**
 * With `epics.protect` on, keeps the ruleset on epic branches in step with
 * the default branch's rules (read now: a change there is mirrored the next
 * time epics are made or adopted). Returns what could not be done, in words
 * for the reply.
 */
export async function protectEpicBranches(params: {
  octokit: Octokit;
  repo: RepoRef;
  config: Pick<Config, "epics">;
  apply: (actions: Action[]) => Promise<AppliedAction[]>;
}): Promise<string[]> {
  if (!params.config.epics.protect) return [];
  const rules = await readDefaultBranchRules({ octokit: params.octokit, repo: params.repo });
  if (!rules) return [];
  const action = planEpicRuleset({ branchPrefix: params.config.epics.branchPrefix, requiredChecks: rules.requiredChecks, approvals: rules.approvals });
  if (!action) return [`\`epics.protect\` is on, but \`${rules.branch}\` requires no checks and no approvals: there is nothing to mirror on epic branches`];
  const [applied] = await params.apply([action]);
  return applied?.outcome === "refused" ? [`Epic branches are not protected: ${applied.reason}`] : [];
}
