import type { Store } from "../store.js";
import type { Account, IssueComment, Repo } from "../store-types.js";
import { assertBodyLength } from "./assert-body-length.js";
import { issueCommentPayload } from "../webhooks/issue-comment-payload.js";

/** Issue and PR conversation comments. */
export class CommentMutations {
  constructor(private readonly store: Store) {}

  /** Comments on issue or PR `number`; emits `issue_comment.created`. */
  create(params: { actor: Account; repo: Repo; number: number; body: string }): IssueComment {
    const { actor, repo } = params;
    const issue = this.store.requireIssue(repo, params.number);
    assertBodyLength({ body: params.body, resource: "IssueComment" });
    const id = this.store.nextId();
    const now = this.store.now();
    const comment: IssueComment = {
      id,
      nodeId: this.store.nodeId("IC", id),
      repoId: repo.id,
      issueNumber: issue.number,
      body: params.body,
      author: actor,
      createdAt: now,
      updatedAt: now,
      reactions: [],
    };
    repo.comments.set(id, comment);
    issue.updatedAt = now;
    this.store.register({ kind: "IssueComment", value: comment });
    this.store.emit(issueCommentPayload({ store: this.store, repo, issue, comment, action: "created", sender: actor }));
    return comment;
  }

  /** Edits a comment; emits `issue_comment.edited` with the old body in `changes`. */
  update(params: { actor: Account; repo: Repo; commentId: number; body: string }): IssueComment {
    const { actor, repo } = params;
    const comment = this.store.requireComment(repo, params.commentId);
    assertBodyLength({ body: params.body, resource: "IssueComment" });
    const from = comment.body;
    comment.body = params.body;
    comment.updatedAt = this.store.now();
    const issue = this.store.requireIssue(repo, comment.issueNumber);
    this.store.emit(
      issueCommentPayload({ store: this.store, repo, issue, comment, action: "edited", sender: actor, changes: { body: { from } } }),
    );
    return comment;
  }

  /** Deletes a comment; emits `issue_comment.deleted`. */
  delete(params: { actor: Account; repo: Repo; commentId: number }): void {
    const { actor, repo } = params;
    const comment = this.store.requireComment(repo, params.commentId);
    const issue = this.store.requireIssue(repo, comment.issueNumber);
    repo.comments.delete(comment.id);
    this.store.nodes.delete(comment.nodeId);
    this.store.emit(issueCommentPayload({ store: this.store, repo, issue, comment, action: "deleted", sender: actor }));
  }
}
