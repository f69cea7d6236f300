/**
 * What a pull request's base branch demands, as GitHub tells anyone who can
 * read the repository: the status checks its classic protection
 * (`Ref.refUpdateRule`) and its active rulesets (`Ref.rules`) require, and
 * whether a ruleset requires a merge queue
 * (https://docs.github.com/en/graphql/reference/objects#ref).
 */
export interface BaseRules {
  /** Check run names or status contexts that must have passed on the head. */
  requiredChecks: string[];
  /** Pull requests into the branch merge through GitHub's merge queue only. */
  mergeQueue: boolean;
  /**
   * Whether any rule protects the branch (GitHub arms auto-merge only on a
   * protected base); unknown when the branch's rules were not read.
   */
  protected?: boolean;
}

/** A branch with no rules at all (or one that does not exist). */
export const NO_BASE_RULES: BaseRules = { requiredChecks: [], mergeQueue: false };

/** `Ref.refUpdateRule` and `Ref.rules` as the snapshot query reads them. */
export interface RawRefRules {
  refUpdateRule: { requiredStatusCheckContexts: Array<string | null> | null } | null;
  rules: { nodes: Array<{ type: string; parameters: { requiredStatusChecks?: Array<{ context: string }> } | null } | null> } | null;
}

/** The base rules of a branch from what GraphQL answered about its ref (none for a missing ref). */
export function baseRulesOf(ref: RawRefRules | null | undefined): BaseRules {
  if (!ref) return NO_BASE_RULES;
  const required = new Set<string>();
  for (const context of ref.refUpdateRule?.requiredStatusCheckContexts ?? []) if (context) required.add(context);
  let mergeQueue = false;
  for (const rule of ref.rules?.nodes ?? []) {
    if (!rule) continue;
    if (rule.type === "MERGE_QUEUE") mergeQueue = true;
    if (rule.type === "REQUIRED_STATUS_CHECKS") for (const check of rule.parameters?.requiredStatusChecks ?? []) required.add(check.context);
  }
  const ruled = (ref.rules?.nodes ?? []).some((rule) => rule !== null);
  return { requiredChecks: [...required], mergeQueue, protected: ref.refUpdateRule !== null || ruled };
}
