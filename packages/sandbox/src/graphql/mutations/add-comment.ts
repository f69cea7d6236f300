import { encodeCursor } from "../connection.js";
import type { FieldResolver } from "../resolver-types.js";
import { issueOrPullSource } from "../sources.js";
import type { IssueCommentSource, IssueSource, PullRequestSource } from "../sources.js";
import { requireNode } from "./require-node.js";

/** `addComment`: comments on an issue or pull request as the viewer. */
export const addComment: FieldResolver<undefined> = (_source, args, context) => {
  const input = args.input as { subjectId: string; body: string; clientMutationId?: string | null };
  const { store, viewer } = context;
  const subject = requireNode<IssueSource | PullRequestSource>({
    store,
    id: input.subjectId,
    types: ["Issue", "PullRequest"],
  });
  const comment = store.addComment({ actor: viewer, repo: subject.repo, number: subject.issue.number, body: input.body });
  const index = store.commentsOf(subject.repo, subject.issue.number).findIndex((candidate) => candidate.id === comment.id);
  const node: IssueCommentSource = { __typename: "IssueComment", repo: subject.repo, comment };
  return {
    clientMutationId: input.clientMutationId ?? null,
    commentEdge: { cursor: encodeCursor(comment.id, index), node },
    subject: issueOrPullSource(store, subject.issue),
  };
};
