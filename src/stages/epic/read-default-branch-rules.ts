import { baseRulesOf } from "../monitor/base-rules.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";

/** What the default branch demands of a pull request: required checks and approvals. */
export interface DefaultBranchRules {
  branch: string;
  requiredChecks: string[];
  approvals: number;
}

interface RawRef {
  name: string;
  refUpdateRule: { requiredStatusCheckContexts: Array<string | null> | null; requiredApprovingReviewCount: number | null } | null;
  rules: {
    nodes: Array<{
      type: string;
      parameters: { requiredStatusChecks?: Array<{ context: string }>; requiredApprovingReviewCount?: number } | null;
    } | null>;
  } | null;
}

/**
 * Reads the default branch's required checks and approvals from its classic
 * protection as non-admins see it (`Ref.refUpdateRule`) and the active
 * rulesets on it (`Ref.rules`), in one query
 * (https://docs.github.com/en/graphql/reference/objects#ref).
 */
export async function readDefaultBranchRules(params: { octokit: Octokit; repo: RepoRef }): Promise<DefaultBranchRules | undefined> {
  const data = await params.octokit.graphql<{ repository: { defaultBranchRef: RawRef | null } | null }>(
    `query FactoryDefaultBranchRules($owner: String!, $name: String!) {
      repository(owner: $owner, name: $name) {
        defaultBranchRef {
          name
          refUpdateRule { requiredStatusCheckContexts requiredApprovingReviewCount }
          rules(first: 25) { nodes { type parameters {
            ... on RequiredStatusChecksParameters { requiredStatusChecks { context } }
            ... on PullRequestParameters { requiredApprovingReviewCount }
          } } }
        }
      }
    }`,
    { owner: params.repo.owner, name: params.repo.repo },
  );
  const ref = data.repository?.defaultBranchRef;
  if (!ref) return undefined;
  let approvals = ref.refUpdateRule?.requiredApprovingReviewCount ?? 0;
  for (const rule of ref.rules?.nodes ?? []) {
    if (rule?.type === "PULL_REQUEST") approvals = Math.max(approvals, rule.parameters?.requiredApprovingReviewCount ?? 0);
  }
  // Required checks are read as the monitor reads them for a pull request's base.
  return { branch: ref.name, requiredChecks: baseRulesOf(ref).requiredChecks, approvals };
}
