import type { TypeResolvers } from "./resolver-types.js";
import { mutationResolvers } from "./mutations/mutation-resolvers.js";
import { botResolvers, organizationResolvers, userResolvers } from "./resolvers/actor-resolvers.js";
import { checkRunResolvers } from "./resolvers/check-run-resolvers.js";
import {
  commitResolvers,
  gitActorResolvers,
  rollupContextConnectionResolvers,
  statusCheckRollupResolvers,
} from "./resolvers/commit-resolvers.js";
import { statusContextResolvers, statusResolvers } from "./resolvers/status-resolvers.js";
import { pageInfoResolvers } from "./resolvers/connection-resolvers.js";
import { issueCommentResolvers } from "./resolvers/issue-comment-resolvers.js";
import { issueResolvers, reopenedEventResolvers, subIssuesSummaryResolvers } from "./resolvers/issue-resolvers.js";
import { labelResolvers } from "./resolvers/label-resolvers.js";
import { mergeQueueEntryResolvers } from "./resolvers/merge-queue-entry-resolvers.js";
import {
  autoMergeRequestResolvers,
  pullRequestCommitResolvers,
  pullRequestResolvers,
  removedFromMergeQueueEventResolvers,
  reviewRequestResolvers,
} from "./resolvers/pull-request-resolvers.js";
import { queryResolvers, rateLimitResolvers } from "./resolvers/query-resolvers.js";
import { reactionResolvers } from "./resolvers/reaction-resolvers.js";
import { refResolvers } from "./resolvers/ref-resolvers.js";
import {
  mergeQueueParametersResolvers,
  pullRequestParametersResolvers,
  refRuleResolvers,
  refUpdateRuleResolvers,
  repositoryRuleResolvers,
  requiredStatusChecksParametersResolvers,
  statusCheckConfigurationResolvers,
} from "./resolvers/rule-resolvers.js";
import { languageResolvers, repositoryResolvers } from "./resolvers/repository-resolvers.js";
import { reviewCommentResolvers, reviewResolvers, reviewThreadResolvers } from "./resolvers/review-resolvers.js";

/**
 * The implemented fields, by GraphQL type name. Connection, edge and payload
 * types are served generically by the field resolver; a type or field missing
 * here is not implemented and fails loudly when queried.
 */
export const resolverMap: Readonly<Record<string, TypeResolvers<never>>> = {
  Query: queryResolvers,
  Mutation: mutationResolvers,
  RateLimit: rateLimitResolvers,
  PageInfo: pageInfoResolvers,
  Repository: repositoryResolvers,
  Language: languageResolvers,
  Ref: { ...refResolvers, ...refRuleResolvers },
  RefUpdateRule: refUpdateRuleResolvers,
  RepositoryRule: repositoryRuleResolvers,
  PullRequestParameters: pullRequestParametersResolvers,
  RequiredStatusChecksParameters: requiredStatusChecksParametersResolvers,
  StatusCheckConfiguration: statusCheckConfigurationResolvers,
  MergeQueueParameters: mergeQueueParametersResolvers,
  Commit: commitResolvers,
  GitActor: gitActorResolvers,
  StatusCheckRollup: statusCheckRollupResolvers,
  StatusCheckRollupContextConnection: rollupContextConnectionResolvers,
  CheckRun: checkRunResolvers,
  Status: statusResolvers,
  StatusContext: statusContextResolvers,
  User: userResolvers,
  Bot: botResolvers,
  Organization: organizationResolvers,
  Issue: issueResolvers,
  SubIssuesSummary: subIssuesSummaryResolvers,
  ReopenedEvent: reopenedEventResolvers,
  IssueComment: issueCommentResolvers,
  Label: labelResolvers,
  Reaction: reactionResolvers,
  PullRequest: pullRequestResolvers,
  PullRequestCommit: pullRequestCommitResolvers,
  AutoMergeRequest: autoMergeRequestResolvers,
  MergeQueueEntry: mergeQueueEntryResolvers,
  RemovedFromMergeQueueEvent: removedFromMergeQueueEventResolvers,
  ReviewRequest: reviewRequestResolvers,
  PullRequestReviewThread: reviewThreadResolvers,
  PullRequestReviewComment: reviewCommentResolvers,
  PullRequestReview: reviewResolvers,
};
