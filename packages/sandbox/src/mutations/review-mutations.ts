import type { Store } from "../store.js";
import type { Account, Repo, Review, ReviewThread } from "../store-types.js";
import { SandboxError } from "../sandbox-error.js";
import { assertBodyLength } from "./assert-body-length.js";
import { pullRequestReviewPayload } from "../webhooks/pull-request-review-payload.js";
import { pullRequestReviewThreadPayload } from "../webhooks/pull-request-review-thread-payload.js";

/** The review events `POST /pulls/{n}/reviews` accepts. */
export type ReviewEvent = "APPROVE" | "REQUEST_CHANGES" | "COMMENT";

const STATE_OF: Record<ReviewEvent, Review["state"]> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

function unprocessable(message: string): SandboxError {
  return new SandboxError({ status: 422, message: "Unprocessable Entity", errors: [message] });
}

/** Reviews and review threads. */
export class ReviewMutations {
  constructor(private readonly store: Store) {}

  /**
   * Submits a review (pending when `event` is omitted). Each entry of
   * `comments` opens a thread at the current head commit. Authors cannot
   * approve or request changes on their own PR; REQUEST_CHANGES and COMMENT
   * need a body or comments. Emits `pull_request_review.submitted`.
   */
  create(params: {
    actor: Account;
    repo: Repo;
    number: number;
    event?: ReviewEvent;
    body?: string;
    commitId?: string;
    comments?: { path: string; line?: number; body: string }[];
  }): Review {
    const { actor, repo } = params;
    const pull = this.store.requirePull(repo, params.number);
    const issue = this.store.requireIssue(repo, pull.number);
    const body = params.body ?? "";
    const comments = params.comments ?? [];
    assertBodyLength({ body, resource: "PullRequestReview" });
    if (params.event && params.event !== "COMMENT" && issue.author.id === actor.id) {
      throw unprocessable(
        params.event === "APPROVE" ? "Can not approve your own pull request" : "Can not request changes on your own pull request",
      );
    }
    if ((params.event === "REQUEST_CHANGES" || params.event === "COMMENT") && body === "" && comments.length === 0) {
      throw unprocessable(`Review Can not ${params.event === "COMMENT" ? "comment" : "request changes"} without a body`);
    }
    const now = this.store.now();
    const id = this.store.nextId();
    const commitId = params.commitId ?? pull.head.sha;
    const review: Review = {
      id,
      nodeId: this.store.nodeId("PRR", id),
      user: actor,
      body,
      state: params.event ? STATE_OF[params.event] : "PENDING",
      commitId,
      submittedAt: params.event ? now : null,
    };
    pull.reviews.push(review);
    this.store.register({ kind: "Review", value: review });
    for (const comment of comments) this.openThread({ actor, repo, number: pull.number, reviewId: id, commitId, ...comment });
    if (!params.event) return review;
    pull.requestedReviewers = pull.requestedReviewers.filter((r) => r.id !== actor.id);
    issue.updatedAt = now;
    this.store.ops.pulls.refresh(repo, pull);
    this.store.emit(pullRequestReviewPayload({ store: this.store, repo, pull, review, action: "submitted", sender: actor }));
    return review;
  }

  /** Opens a review thread with its first comment (no webhook of its own here). */
  openThread(params: {
    actor: Account;
    repo: Repo;
    number: number;
    path: string;
    line?: number;
    body: string;
    reviewId?: number;
    commitId?: string;
  }): ReviewThread {
    const pull = this.store.requirePull(params.repo, params.number);
    assertBodyLength({ body: params.body, resource: "PullRequestReviewComment" });
    const now = this.store.now();
    const commitId = params.commitId ?? pull.head.sha;
    const threadId = this.store.nextId();
    const commentId = this.store.nextId();
    const thread: ReviewThread = {
      id: threadId,
      nodeId: this.store.nodeId("PRRT", threadId),
      path: params.path,
      line: params.line ?? null,
      commitId,
      isResolved: false,
      resolvedBy: null,
      createdAt: now,
      comments: [
        {
          id: commentId,
          nodeId: this.store.nodeId("PRRC", commentId),
          reviewId: params.reviewId ?? null,
          body: params.body,
          author: params.actor,
          path: params.path,
          line: params.line ?? null,
          commitId,
          createdAt: now,
          updatedAt: now,
        },
      ],
    };
    pull.threads.push(thread);
    this.store.register({ kind: "ReviewThread", value: thread });
    for (const comment of thread.comments) this.store.register({ kind: "ReviewComment", value: comment });
    return thread;
  }

  /** Resolves or unresolves a thread; emits `pull_request_review_thread` when the state changes. */
  setThreadResolved(params: { actor: Account; threadId: number; resolved: boolean }): ReviewThread {
    const { repo, pull, thread } = this.store.requireThread(params.threadId);
    if (thread.isResolved === params.resolved) return thread;
    thread.isResolved = params.resolved;
    thread.resolvedBy = params.resolved ? params.actor : null;
    this.store.emit(
      pullRequestReviewThreadPayload({
        store: this.store,
        repo,
        pull,
        thread,
        action: params.resolved ? "resolved" : "unresolved",
        sender: params.actor,
      }),
    );
    return thread;
  }
}
