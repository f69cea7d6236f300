import { GITHUB_URLS } from "../../render/github-urls.js";
import { authorAssociation } from "../../render/author-association.js";
import { iso } from "../../render/iso.js";
import { connection } from "../connection.js";
import type { TypeResolvers } from "../resolver-types.js";
import { accountSource, commitSource } from "../sources.js";
import type { PullRequestSource, ReviewCommentSource, ReviewSource, ReviewThreadSource } from "../sources.js";
import { rejectUnsupportedArguments } from "../unsupported-argument.js";
import { hasWriteAccess } from "../../mutations/write-access.js";

const WRITERS = new Set(["admin", "maintain", "write"]);

function pullUrl(source: PullRequestSource): string {
  return `${GITHUB_URLS.html}/${source.repo.owner.login}/${source.repo.name}/pull/${source.issue.number}`;
}

/** `PullRequestReviewThread`. */
export const reviewThreadResolvers: TypeResolvers<ReviewThreadSource> = {
  id: (source) => source.thread.nodeId,
  isResolved: (source) => source.thread.isResolved,
  resolvedBy: (source) => (source.thread.resolvedBy === null ? null : accountSource(source.thread.resolvedBy)),
  path: (source) => source.thread.path,
  line: (source) => source.thread.line,
  pullRequest: (source) => source.pullRequest,
  repository: (source) => ({ __typename: "Repository", repo: source.pullRequest.repo }),
  viewerCanResolve: (source, _args, context) =>
    WRITERS.has(context.store.permission(source.pullRequest.repo, context.viewer.login)),
  comments: (source, args, _context, info) => {
    rejectUnsupportedArguments({ args, names: ["skip"], info });
    return connection({
      items: source.thread.comments,
      args,
      key: (comment) => comment.id,
      node: (comment): ReviewCommentSource => ({
        __typename: "PullRequestReviewComment",
        pullRequest: source.pullRequest,
        comment,
      }),
    });
  },
};

/** `PullRequestReviewComment`. */
export const reviewCommentResolvers: TypeResolvers<ReviewCommentSource> = {
  id: (source) => source.comment.nodeId,
  databaseId: (source) => source.comment.id,
  body: (source) => source.comment.body,
  path: (source) => source.comment.path,
  line: (source) => source.comment.line,
  createdAt: (source) => iso(source.comment.createdAt),
  updatedAt: (source) => iso(source.comment.updatedAt),
  author: (source) => accountSource(source.comment.author),
  authorAssociation: (source, _args, context) =>
    authorAssociation({ store: context.store, repo: source.pullRequest.repo, account: source.comment.author }),
  commit: (source, _args, context) => commitSource(context.store, source.pullRequest.repo, source.comment.commitId),
  originalCommit: (source, _args, context) =>
    commitSource(context.store, source.pullRequest.repo, source.comment.commitId),
  url: (source) => `${pullUrl(source.pullRequest)}#discussion_r${source.comment.id}`,
  pullRequest: (source) => source.pullRequest,
  pullRequestReview: (source) => {
    const review = source.pullRequest.pull.reviews.find((candidate) => candidate.id === source.comment.reviewId);
    return review === undefined ? null : { __typename: "PullRequestReview", pullRequest: source.pullRequest, review };
  },
};

/** `PullRequestReview`. */
export const reviewResolvers: TypeResolvers<ReviewSource> = {
  id: (source) => source.review.nodeId,
  databaseId: (source) => source.review.id,
  state: (source) => source.review.state,
  body: (source) => source.review.body,
  submittedAt: (source) => iso(source.review.submittedAt),
  author: (source) => accountSource(source.review.user),
  authorAssociation: (source, _args, context) =>
    authorAssociation({ store: context.store, repo: source.pullRequest.repo, account: source.review.user }),
  commit: (source, _args, context) => commitSource(context.store, source.pullRequest.repo, source.review.commitId),
  authorCanPushToRepository: (source, _args, context) =>
    hasWriteAccess({ store: context.store, repo: source.pullRequest.repo, account: source.review.user }),
  url: (source) => `${pullUrl(source.pullRequest)}#pullrequestreview-${source.review.id}`,
  pullRequest: (source) => source.pullRequest,
};
