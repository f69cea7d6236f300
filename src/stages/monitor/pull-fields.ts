/*
 * GraphQL points are spent per connection page (5,000 an hour per
 * installation: https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api):
 * a connection nested in `pullRequests(first: 100)` costs 100 requests, one
 * nested two deep in it 100 × its own page size. So the nested fields are
 * read only for open pull requests into the epic branch, one level deep;
 * finished ones, the epic's own and other open ones get a light view; and
 * when each review thread was opened (two deep) is read only for the pull
 * requests whose answer to a reviews request it decides.
 */
/** A check run or commit status on a head: what decides whether CI passed. */
export const CONTEXT_FIELDS = /* GraphQL */ `
  fragment FactoryContext on StatusCheckRollupContext { __typename ... on CheckRun { databaseId name status conclusion summary } ... on StatusContext { context state } }
`;

export const PULL_FIELDS = /* GraphQL */ `
  ${CONTEXT_FIELDS}
  fragment FactoryPull on PullRequest {
    id number state isDraft baseRefName headRefName headRefOid body createdAt mergedAt closedAt
    author { __typename login }
    mergeable mergeStateStatus reviewDecision isInMergeQueue
    autoMergeRequest { enabledAt }
    labels(first: 10) { nodes { name } }
    headRef { target { ... on Commit { committedDate } } }
    statusCheckRollup { contexts(first: 50) { nodes { ...FactoryContext } pageInfo { hasNextPage endCursor } } }
    reviewThreads(first: 30) { nodes { id isResolved } }
    comments(last: 15) { nodes { author { __typename login } body createdAt } }
  }
`;

/** What a branch demands: classic protection as non-admins see it, and the rules of the active rulesets on it. */
export const RULE_FIELDS = /* GraphQL */ `
  fragment FactoryRules on Ref {
    refUpdateRule { requiredStatusCheckContexts }
    rules(first: 25) { nodes { type parameters { ... on RequiredStatusChecksParameters { requiredStatusChecks { context } } } } }
  }
`;

export const FINISHED_PULL_FIELDS = /* GraphQL */ `
  fragment FactoryFinishedPull on PullRequest {
    id number state isDraft baseRefName headRefName headRefOid body createdAt mergedAt closedAt
    author { __typename login }
    autoMergeRequest { enabledAt }
    comments(last: 15) { nodes { author { __typename login } body createdAt } }
  }
`;
