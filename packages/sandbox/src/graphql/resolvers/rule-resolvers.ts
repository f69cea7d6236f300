import type { Repo, Ruleset, RulesetRule } from "../../store-types.js";
import type { TypeResolvers } from "../resolver-types.js";
import type { RefSource } from "../sources.js";
import { connection } from "../connection.js";
import { rulesetsFor } from "../../mutations/branch-rules.js";
import { hasWriteAccess } from "../../mutations/write-access.js";

/** One rule of an active ruleset that applies to a ref. */
export interface RepositoryRuleSource {
  __typename: "RepositoryRule";
  repo: Repo;
  ruleset: Ruleset;
  rule: RulesetRule;
}

/** A rule's parameters, typed by the rule (the `RuleParameters` union). */
interface ParametersSource {
  __typename: string;
  parameters: Record<string, unknown>;
}

/** Rule type → its `RuleParameters` member; rules without parameters answer null. */
const PARAMETER_TYPES: Record<string, string> = {
  pull_request: "PullRequestParameters",
  required_status_checks: "RequiredStatusChecksParameters",
  merge_queue: "MergeQueueParameters",
};

const branchOf = (source: RefSource) => source.qualifiedName.replace(/^refs\/heads\//, "");

/**
 * `Ref.rules` and `Ref.refUpdateRule`
 * (https://docs.github.com/en/graphql/reference/objects#ref): the rules of
 * the active rulesets that apply to the branch, and the branch's classic
 * protection as non-admins may see it (null when unprotected).
 */
export const refRuleResolvers: TypeResolvers<RefSource> = {
  rules: (source, args) =>
    connection({
      items: rulesetsFor(source.repo, branchOf(source)).flatMap((ruleset) => ruleset.rules.map((rule) => ({ ruleset, rule }))),
      args,
      key: (item) => `${item.ruleset.id}:${item.rule.type}`,
      node: (item): RepositoryRuleSource => ({ __typename: "RepositoryRule", repo: source.repo, ...item }),
    }),
  refUpdateRule: (source, _args, context) => {
    const protection = source.repo.protections.get(branchOf(source));
    if (!protection) return null;
    return {
      pattern: branchOf(source),
      requiredStatusCheckContexts: protection.requiredStatusChecks?.checks.map((check) => check.context) ?? [],
      requiredApprovingReviewCount: protection.requiredPullRequestReviews?.requiredApprovingReviewCount ?? null,
      requiresCodeOwnerReviews: protection.requiredPullRequestReviews?.requireCodeOwnerReviews ?? false,
      requiresConversationResolution: false,
      requiresLinearHistory: false,
      requiresSignatures: false,
      allowsDeletions: false,
      allowsForcePushes: false,
      blocksCreations: false,
      viewerAllowedToDismissReviews: hasWriteAccess({ store: context.store, repo: source.repo, account: context.viewer }),
      viewerCanPush: hasWriteAccess({ store: context.store, repo: source.repo, account: context.viewer }),
    };
  },
};

/** `RepositoryRule`. */
export const repositoryRuleResolvers: TypeResolvers<RepositoryRuleSource> = {
  id: (source, _args, context) => context.store.nodeId("RR", `${source.ruleset.id}:${source.rule.type}`),
  type: (source) => source.rule.type.toUpperCase(),
  parameters: (source): ParametersSource | null => {
    const typename = PARAMETER_TYPES[source.rule.type];
    return typename ? { __typename: typename, parameters: source.rule.parameters ?? {} } : null;
  },
  repositoryRuleset: () => null,
};

/** Reads a REST (snake_case) parameter for its GraphQL (camelCase) field. */
function fromRest(names: Record<string, [string, unknown]>): TypeResolvers<ParametersSource> {
  return Object.fromEntries(
    Object.entries(names).map(([field, [rest, fallback]]) => [field, (source: ParametersSource) => source.parameters[rest] ?? fallback]),
  );
}

/** `PullRequestParameters`. */
export const pullRequestParametersResolvers = fromRest({
  requiredApprovingReviewCount: ["required_approving_review_count", 0],
  dismissStaleReviewsOnPush: ["dismiss_stale_reviews_on_push", false],
  requireCodeOwnerReview: ["require_code_owner_review", false],
  requireLastPushApproval: ["require_last_push_approval", false],
  requiredReviewThreadResolution: ["required_review_thread_resolution", false],
  allowedMergeMethods: ["allowed_merge_methods", null],
});

/** `RequiredStatusChecksParameters`. */
export const requiredStatusChecksParametersResolvers: TypeResolvers<ParametersSource> = {
  ...fromRest({ strictRequiredStatusChecksPolicy: ["strict_required_status_checks_policy", false], doNotEnforceOnCreate: ["do_not_enforce_on_create", false] }),
  requiredStatusChecks: (source) =>
    ((source.parameters.required_status_checks as { context: string; integration_id?: number }[] | undefined) ?? []).map((check) => ({
      context: check.context,
      integrationId: check.integration_id ?? null,
    })),
};

/** `StatusCheckConfiguration`. */
export const statusCheckConfigurationResolvers: TypeResolvers<{ context: string; integrationId: number | null }> = {
  context: (source) => source.context,
  integrationId: (source) => source.integrationId,
};

/** `MergeQueueParameters`. */
export const mergeQueueParametersResolvers = fromRest({
  checkResponseTimeoutMinutes: ["check_response_timeout_minutes", 60],
  groupingStrategy: ["grouping_strategy", "ALLGREEN"],
  maxEntriesToBuild: ["max_entries_to_build", 5],
  maxEntriesToMerge: ["max_entries_to_merge", 5],
  mergeMethod: ["merge_method", "MERGE"],
  minEntriesToMerge: ["min_entries_to_merge", 1],
  minEntriesToMergeWaitMinutes: ["min_entries_to_merge_wait_minutes", 5],
});

/** `RefUpdateRule`: plain values. */
export const refUpdateRuleResolvers: TypeResolvers<Record<string, unknown>> = Object.fromEntries(
  [
    "pattern",
    "requiredStatusCheckContexts",
    "requiredApprovingReviewCount",
    "requiresCodeOwnerReviews",
    "requiresConversationResolution",
    "requiresLinearHistory",
    "requiresSignatures",
    "allowsDeletions",
    "allowsForcePushes",
    "blocksCreations",
    "viewerAllowedToDismissReviews",
    "viewerCanPush",
  ].map((field) => [field, (source: Record<string, unknown>) => source[field]]),
);
