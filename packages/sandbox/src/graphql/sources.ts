import type { Store } from "../store.js";
import type {
  Account,
  AutoMerge,
  CheckRun,
  Commit,
  CommitStatus,
  Issue,
  IssueComment,
  Label,
  MergeQueueEntry,
  PullRequest,
  Reaction,
  Repo,
  Review,
  ReviewComment,
  ReviewThread,
} from "../store-types.js";
import { GithubGraphqlError } from "./github-graphql-error.js";

/*
 * The objects resolvers pass down: a store record plus what its fields need
 * to reach (its repository, its pull request). Each carries the GraphQL type
 * it stands for in `__typename`, which is how interfaces and unions (Node,
 * Actor, StatusCheckRollupContext…) pick the concrete type.
 */

/** A user, bot or organisation. */
export interface AccountSource {
  __typename: "User" | "Bot" | "Organization";
  account: Account;
}
/** A repository. */
export interface RepositorySource {
  __typename: "Repository";
  repo: Repo;
}
/** An issue (never the issue half of a pull request). */
export interface IssueSource {
  __typename: "Issue";
  repo: Repo;
  issue: Issue;
}
/** A pull request: its issue half and its pull half. */
export interface PullRequestSource {
  __typename: "PullRequest";
  repo: Repo;
  issue: Issue;
  pull: PullRequest;
}
/** A comment on an issue or pull request conversation. */
export interface IssueCommentSource {
  __typename: "IssueComment";
  repo: Repo;
  comment: IssueComment;
}
/** A repository label. */
export interface LabelSource {
  __typename: "Label";
  repo: Repo;
  label: Label;
}
/** A reaction. */
export interface ReactionSource {
  __typename: "Reaction";
  reaction: Reaction;
}
/** A branch (or other ref). */
export interface RefSource {
  __typename: "Ref";
  repo: Repo;
  /** Full ref name, `refs/heads/main`. */
  qualifiedName: string;
  sha: string;
}
/** A commit, looked up in the store's object database. */
export interface CommitSource {
  __typename: "Commit";
  repo: Repo;
  commit: Commit;
}
/** A commit as one of a pull request's commits. */
export interface PullRequestCommitSource {
  __typename: "PullRequestCommit";
  pullRequest: PullRequestSource;
  commit: CommitSource;
}
/** The combined check state of a commit: its latest check runs and latest status per context. */
export interface StatusCheckRollupSource {
  __typename: "StatusCheckRollup";
  commit: CommitSource;
  runs: CheckRun[];
  statuses: CommitStatus[];
}
/** A commit's commit statuses (`Commit.status`): the latest per context. */
export interface StatusSource {
  __typename: "Status";
  commit: CommitSource;
  statuses: CommitStatus[];
}
/** One commit status, as a context of `Status` or of a rollup. */
export interface StatusContextSource {
  __typename: "StatusContext";
  repo: Repo;
  status: CommitStatus;
}
/** A check run. */
export interface CheckRunSource {
  __typename: "CheckRun";
  repo: Repo;
  run: CheckRun;
}
/** A review thread on a pull request. */
export interface ReviewThreadSource {
  __typename: "PullRequestReviewThread";
  pullRequest: PullRequestSource;
  thread: ReviewThread;
}
/** A comment in a review thread. */
export interface ReviewCommentSource {
  __typename: "PullRequestReviewComment";
  pullRequest: PullRequestSource;
  comment: ReviewComment;
}
/** A pull request review. */
export interface ReviewSource {
  __typename: "PullRequestReview";
  pullRequest: PullRequestSource;
  review: Review;
}
/** The auto-merge request of a pull request. */
export interface AutoMergeSource {
  __typename: "AutoMergeRequest";
  pullRequest: PullRequestSource;
  autoMerge: AutoMerge;
}

/** Wraps an account as the GraphQL type its kind maps to. */
export function accountSource(account: Account): AccountSource {
  return { __typename: account.type, account };
}

/** Wraps an issue record: an issue as `Issue`, the issue half of a PR as `PullRequest`. */
export function issueOrPullSource(store: Store, issue: Issue): IssueSource | PullRequestSource {
  const repo = store.repoById(issue.repoId);
  if (issue.isPullRequest) {
    const pull = repo.pulls.get(issue.number);
    if (pull === undefined) {
      throw new Error(`sandbox store has issue ${issue.number} marked as a pull request without its pull half`);
    }
    return { __typename: "PullRequest", repo, issue, pull };
  }
  return { __typename: "Issue", repo, issue };
}

/** Wraps a pull request record with its issue half. */
export function pullRequestSource(store: Store, pull: PullRequest): PullRequestSource {
  const repo = store.repoById(pull.repoId);
  const issue = repo.issues.get(pull.number);
  if (issue === undefined) {
    throw new Error(`sandbox store has pull request ${pull.number} without its issue half`);
  }
  return { __typename: "PullRequest", repo, issue, pull };
}

/** The commit `sha` of `repo`; a commit the store does not hold is an inconsistency, not a miss. */
export function commitSource(store: Store, repo: Repo, sha: string): CommitSource {
  const commit = store.commits.get(sha);
  if (commit === undefined) {
    throw new Error(`sandbox store has no commit ${sha} (referenced from ${repo.owner.login}/${repo.name})`);
  }
  return { __typename: "Commit", repo, commit };
}

/** The issue or pull request with this number, or GitHub's NOT_FOUND error. */
export function requireIssueOrPull(params: { store: Store; repo: Repo; number: number }): IssueSource | PullRequestSource {
  const issue = params.repo.issues.get(params.number);
  if (issue === undefined) {
    throw new GithubGraphqlError({
      type: "NOT_FOUND",
      message: `Could not resolve to an issue or pull request with the number of ${params.number}.`,
    });
  }
  return issueOrPullSource(params.store, issue);
}

/** A pull request's place in a merge queue. */
export interface MergeQueueEntrySource {
  __typename: "MergeQueueEntry";
  pullRequest: PullRequestSource;
  entry: MergeQueueEntry;
  position: number;
}

/** `pull`'s merge queue entry as a GraphQL source, or null when it is not queued. */
export function mergeQueueEntrySource(store: Store, pullRequest: PullRequestSource): MergeQueueEntrySource | null {
  const found = store.ops.mergeQueue.entryOf(pullRequest.repo, pullRequest.pull);
  return found ? { __typename: "MergeQueueEntry", pullRequest, entry: found.entry, position: found.position } : null;
}
