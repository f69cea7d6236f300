import { GITHUB_URLS } from "../../render/github-urls.js";
import { authorAssociation } from "../../render/author-association.js";
import { iso } from "../../render/iso.js";
import type { TypeResolvers } from "../resolver-types.js";
import { accountSource, issueOrPullSource } from "../sources.js";
import type { IssueCommentSource } from "../sources.js";
import { reactionConnection } from "./reaction-resolvers.js";

/** `IssueComment`. */
export const issueCommentResolvers: TypeResolvers<IssueCommentSource> = {
  id: (source) => source.comment.nodeId,
  databaseId: (source) => source.comment.id,
  body: (source) => source.comment.body,
  createdAt: (source) => iso(source.comment.createdAt),
  updatedAt: (source) => iso(source.comment.updatedAt),
  author: (source) => accountSource(source.comment.author),
  authorAssociation: (source, _args, context) =>
    authorAssociation({ store: context.store, repo: source.repo, account: source.comment.author }),
  viewerDidAuthor: (source, _args, context) => source.comment.author.id === context.viewer.id,
  url: (source) => {
    const issue = source.repo.issues.get(source.comment.issueNumber);
    const kind = issue?.isPullRequest ? "pull" : "issues";
    return `${GITHUB_URLS.html}/${source.repo.owner.login}/${source.repo.name}/${kind}/${source.comment.issueNumber}#issuecomment-${source.comment.id}`;
  },
  reactions: (source, args) => reactionConnection(source.comment.reactions, args),
  repository: (source) => ({ __typename: "Repository", repo: source.repo }),
  issue: (source, _args, context) => {
    const issue = context.store.requireIssue(source.repo, source.comment.issueNumber);
    // GitHub types the conversation a PR comment belongs to as an Issue too.
    return { __typename: "Issue", repo: source.repo, issue };
  },
  pullRequest: (source, _args, context) => {
    const issue = context.store.requireIssue(source.repo, source.comment.issueNumber);
    return issue.isPullRequest ? issueOrPullSource(context.store, issue) : null;
  },
};
