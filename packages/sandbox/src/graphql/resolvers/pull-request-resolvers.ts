import { iso } from "../../render/iso.js";
import { commitAncestry } from "../../git/commit-ancestry.js";
import type { Store } from "../../store.js";
import type { Issue, Review } from "../../store-types.js";
import { connection } from "../connection.js";
import {
  closingReferences,
  mergeableState,
  mergeStateStatus,
  pullRequestState,
  reviewDecision,
} from "../pull-request-state.js";
import type { FieldResolver, TypeResolvers } from "../resolver-types.js";
import { accountSource, commitSource, issueOrPullSource, mergeQueueEntrySource } from "../sources.js";
import type {
  AutoMergeSource,
  PullRequestCommitSource,
  PullRequestSource,
  RefSource,
  ReviewSource,
  ReviewThreadSource,
} from "../sources.js";
import { rejectUnsupportedArguments } from "../unsupported-argument.js";
import { protectedReviewDecision } from "../../mutations/protected-merge-state.js";
import { hasWriteAccess } from "../../mutations/write-access.js";
import { commitResolvers } from "./commit-resolvers.js";
import { issueLikeResolvers } from "./issue-resolvers.js";

/**
 * The commits a pull request brings, oldest first: those reachable from its
 * head but not from its base. A merged pull request whose commits became part
 * of the base still shows its head commit.
 */
function pullRequestCommitShas(store: Store, source: PullRequestSource): string[] {
  const { pull } = source;
  const base = commitAncestry({ store, sha: pull.base.sha });
  const own = [...commitAncestry({ store, sha: pull.head.sha })].filter((sha) => !base.has(sha)).reverse();
  return own.length > 0 ? own : [pull.head.sha];
}

const commits: FieldResolver<PullRequestSource> = (source, args, context) => {
  const { store } = context;
  return connection({
    items: pullRequestCommitShas(store, source),
    args,
    key: (sha) => sha,
    node: (sha): PullRequestCommitSource => ({
      __typename: "PullRequestCommit",
      pullRequest: source,
      commit: commitSource(store, source.repo, sha),
    }),
  });
};

const reviews: FieldResolver<PullRequestSource> = (source, args, context) => {
  const states = (args.states as string[] | null | undefined) ?? [];
  const author = typeof args.author === "string" ? args.author.toLowerCase() : undefined;
  // A pending review is visible to its author only.
  const list = source.pull.reviews.filter(
    (review) =>
      (review.state !== "PENDING" || review.user.id === context.viewer.id) &&
      (states.length === 0 || states.includes(review.state)) &&
      (author === undefined || review.user.login.toLowerCase() === author),
  );
  return connection({
    items: list,
    args,
    key: (review) => review.id,
    node: (review): ReviewSource => ({ __typename: "PullRequestReview", pullRequest: source, review }),
  });
};

/**
 * `latestReviews` and `latestOpinionatedReviews`
 * (https://docs.github.com/en/graphql/reference/objects#pullrequest): each
 * reviewer's latest submitted review — for the opinionated list, the latest
 * approving, change-requesting or dismissed one — optionally only from
 * reviewers who can push (`writersOnly`), oldest first.
 */
function latestReviewsOf(opinionated: boolean): FieldResolver<PullRequestSource> {
  return (source, args, context) => {
    const counted = opinionated ? new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]) : undefined;
    const latest = new Map<number, Review>();
    for (const review of source.pull.reviews) {
      if (review.state === "PENDING" || (counted !== undefined && !counted.has(review.state))) continue;
      latest.delete(review.user.id);
      latest.set(review.user.id, review);
    }
    const writersOnly = args.writersOnly === true;
    const list = [...latest.values()].filter(
      (review) => !writersOnly || hasWriteAccess({ store: context.store, repo: source.repo, account: review.user }),
    );
    return connection({
      items: list,
      args,
      key: (review) => review.id,
      node: (review): ReviewSource => ({ __typename: "PullRequestReview", pullRequest: source, review }),
    });
  };
}

const closingIssuesReferences: FieldResolver<PullRequestSource> = (source, args, context, info) => {
  rejectUnsupportedArguments({ args, names: ["orderBy", "userLinkedOnly"], info });
  const { store } = context;
  const seen = new Set<number>();
  const issues: Issue[] = [];
  const references = closingReferences({
    body: source.issue.body,
    targetsDefaultBranch: source.pull.base.ref === source.repo.defaultBranch,
  });
  for (const reference of references) {
    const repo =
      reference.owner === undefined || reference.name === undefined
        ? source.repo
        : store.repo(reference.owner, reference.name);
    const issue = repo?.issues.get(reference.number);
    if (issue !== undefined && !issue.isPullRequest && !seen.has(issue.id)) {
      seen.add(issue.id);
      issues.push(issue);
    }
  }
  return connection({ items: issues, args, key: (issue) => issue.id, node: (issue) => issueOrPullSource(store, issue) });
};

function branchRef(source: PullRequestSource, side: "head" | "base"): RefSource | null {
  const { ref, repoId } = source.pull[side];
  if (repoId !== source.repo.id) {
    return null;
  }
  const qualifiedName = `refs/heads/${ref}`;
  const sha = source.repo.refs.get(qualifiedName);
  return sha === undefined ? null : { __typename: "Ref", repo: source.repo, qualifiedName, sha };
}

/** `PullRequest`. */
export const pullRequestResolvers: TypeResolvers<PullRequestSource> = {
  ...issueLikeResolvers,
  state: (source) => pullRequestState(source.issue, source.pull),
  merged: (source) => source.pull.merged,
  mergedAt: (source) => iso(source.pull.mergedAt),
  mergedBy: (source) => (source.pull.mergedBy === null ? null : accountSource(source.pull.mergedBy)),
  mergeCommit: (source, _args, context) =>
    source.pull.mergeCommitSha === null ? null : commitSource(context.store, source.repo, source.pull.mergeCommitSha),
  isDraft: (source) => source.pull.draft,
  baseRefName: (source) => source.pull.base.ref,
  headRefName: (source) => source.pull.head.ref,
  baseRefOid: (source) => source.pull.base.sha,
  headRefOid: (source) => source.pull.head.sha,
  // GitHub's rollup "for the PR's head ref": the head commit's, null when nothing reported on it.
  statusCheckRollup: (source, args, context, info) =>
    (commitResolvers.statusCheckRollup as FieldResolver<ReturnType<typeof commitSource>>)(commitSource(context.store, source.repo, source.pull.head.sha), args, context, info),
  baseRef: (source) => branchRef(source, "base"),
  headRef: (source) => branchRef(source, "head"),
  mergeable: (source) => mergeableState(source.pull),
  mergeStateStatus: (source) => mergeStateStatus(source.pull),
  // The production profile answers from branch protection, as GitHub does; the kind one without it.
  reviewDecision: (source, _args, context) =>
    context.store.profile === "production"
      ? protectedReviewDecision({ store: context.store, repo: source.repo, pull: source.pull })
      : reviewDecision(source.pull),
  maintainerCanModify: (source) => source.pull.maintainerCanModify,
  autoMergeRequest: (source): AutoMergeSource | null =>
    source.pull.autoMerge === null
      ? null
      : { __typename: "AutoMergeRequest", pullRequest: source, autoMerge: source.pull.autoMerge },
  // The sandbox keeps one kind of pull request timeline item: removals from a merge queue.
  timelineItems: (source, args, _context, info) => {
    rejectUnsupportedArguments({ args, names: ["since", "skip"], info });
    const types = args.itemTypes as readonly string[] | undefined;
    if (!types || types.length === 0 || types.some((type) => type !== "REMOVED_FROM_MERGE_QUEUE_EVENT")) {
      throw new Error("sandbox: PullRequest.timelineItems keeps only merge queue removals: pass itemTypes: [REMOVED_FROM_MERGE_QUEUE_EVENT]");
    }
    return connection({
      items: (source.pull.queueRemovals ?? []).map((removal, index) => ({ removal, index })),
      args,
      key: (item) => item.index,
      node: (item) => ({ __typename: "RemovedFromMergeQueueEvent", pullRequest: source, ...item }),
    });
  },
  isInMergeQueue: (source, _args, context) => context.store.ops.mergeQueue.entryOf(source.repo, source.pull) !== undefined,
  mergeQueueEntry: (source, _args, context) => mergeQueueEntrySource(context.store, source),
  commits,
  reviews,
  latestReviews: latestReviewsOf(false),
  latestOpinionatedReviews: latestReviewsOf(true),
  reviewThreads: (source, args) =>
    connection({
      items: source.pull.threads,
      args,
      key: (thread) => thread.id,
      node: (thread): ReviewThreadSource => ({ __typename: "PullRequestReviewThread", pullRequest: source, thread }),
    }),
  reviewRequests: (source, args) =>
    connection({
      items: source.pull.requestedReviewers,
      args,
      key: (account) => account.id,
      node: (account) => ({ requestedReviewer: accountSource(account) }),
    }),
  closingIssuesReferences,
};

/** `RemovedFromMergeQueueEvent` (https://docs.github.com/en/graphql/reference/objects#removedfrommergequeueevent). */
export const removedFromMergeQueueEventResolvers: TypeResolvers<{
  pullRequest: PullRequestSource;
  index: number;
  removal: NonNullable<PullRequestSource["pull"]["queueRemovals"]>[number];
}> = {
  id: (source, _args, context) => context.store.nodeId("RFMQE", `${source.pullRequest.pull.id}:${source.index}`),
  createdAt: (source) => iso(source.removal.at),
  reason: (source) => source.removal.reason,
  actor: (source) => accountSource(source.removal.actor),
  enqueuer: (source) => accountSource(source.removal.enqueuer),
  beforeCommit: (source, _args, context) => commitSource(context.store, source.pullRequest.repo, source.removal.headSha),
  pullRequest: (source) => source.pullRequest,
  mergeQueue: () => null,
};

/** `ReviewRequest` (only who is asked). */
export const reviewRequestResolvers: TypeResolvers<{ requestedReviewer: unknown }> = {
  requestedReviewer: (source) => source.requestedReviewer,
};

/** `PullRequestCommit`. */
export const pullRequestCommitResolvers: TypeResolvers<PullRequestCommitSource> = {
  id: (source, _args, context) => context.store.nodeId("PURC", `${source.pullRequest.pull.id}:${source.commit.commit.sha}`),
  commit: (source) => source.commit,
  pullRequest: (source) => source.pullRequest,
};

/** `AutoMergeRequest`. */
export const autoMergeRequestResolvers: TypeResolvers<AutoMergeSource> = {
  // The store does not record when auto-merge was switched on.
  enabledAt: (source) => {
    const enabledAt = (source.autoMerge as { enabledAt?: Date }).enabledAt;
    return enabledAt === undefined ? null : iso(enabledAt);
  },
  enabledBy: (source) => accountSource(source.autoMerge.enabledBy),
  mergeMethod: (source) => source.autoMerge.mergeMethod.toUpperCase(),
  commitHeadline: (source) => source.autoMerge.commitTitle,
  commitBody: (source) => source.autoMerge.commitMessage,
  authorEmail: () => null,
  pullRequest: (source) => source.pullRequest,
};
