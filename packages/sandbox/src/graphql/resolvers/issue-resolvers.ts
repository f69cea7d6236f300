import { GITHUB_URLS } from "../../render/github-urls.js";
import { authorAssociation } from "../../render/author-association.js";
import { iso } from "../../render/iso.js";
import type { Issue } from "../../store-types.js";
import { connection } from "../connection.js";
import type { FieldResolver, TypeResolvers } from "../resolver-types.js";
import { accountSource, issueOrPullSource } from "../sources.js";
import type { IssueCommentSource, IssueSource, PullRequestSource } from "../sources.js";
import { rejectUnsupportedArguments } from "../unsupported-argument.js";
import { reactionConnection } from "./reaction-resolvers.js";

type IssueLike = IssueSource | PullRequestSource;

const STATE_REASON = {
  completed: "COMPLETED",
  not_planned: "NOT_PLANNED",
  reopened: "REOPENED",
  duplicate: "DUPLICATE",
} as const;

function url(source: IssueLike): string {
  const kind = source.__typename === "PullRequest" ? "pull" : "issues";
  return `${GITHUB_URLS.html}/${source.repo.owner.login}/${source.repo.name}/${kind}/${source.issue.number}`;
}

const comments: FieldResolver<IssueLike> = (source, args, context, info) => {
  rejectUnsupportedArguments({ args, names: ["orderBy"], info });
  const list = context.store.commentsOf(source.repo, source.issue.number).sort((a, b) => a.id - b.id);
  return connection({
    items: list,
    args,
    key: (comment) => comment.id,
    node: (comment): IssueCommentSource => ({ __typename: "IssueComment", repo: source.repo, comment }),
  });
};

/** Fields issues and pull requests share (both are the same record on GitHub's side). */
export const issueLikeResolvers: TypeResolvers<IssueLike> = {
  id: (source) => (source.__typename === "PullRequest" ? source.pull.nodeId : source.issue.nodeId),
  databaseId: (source) => (source.__typename === "PullRequest" ? source.pull.id : source.issue.id),
  number: (source) => source.issue.number,
  title: (source) => source.issue.title,
  body: (source) => source.issue.body ?? "",
  url,
  resourcePath: (source) => new URL(url(source)).pathname,
  createdAt: (source) => iso(source.issue.createdAt),
  updatedAt: (source) => iso(source.issue.updatedAt),
  closedAt: (source) => iso(source.issue.closedAt),
  closed: (source) => source.issue.state === "closed",
  locked: (source) => source.issue.locked,
  author: (source) => accountSource(source.issue.author),
  authorAssociation: (source, _args, context) =>
    authorAssociation({ store: context.store, repo: source.repo, account: source.issue.author }),
  viewerDidAuthor: (source, _args, context) => source.issue.author.id === context.viewer.id,
  repository: (source) => ({ __typename: "Repository", repo: source.repo }),
  labels: (source, args, _context, info) => {
    rejectUnsupportedArguments({ args, names: ["orderBy"], info });
    return connection({
      items: source.issue.labels,
      args,
      key: (label) => label.id,
      node: (label) => ({ __typename: "Label", repo: source.repo, label }),
    });
  },
  assignees: (source, args) =>
    connection({ items: source.issue.assignees, args, key: (account) => account.id, node: accountSource }),
  comments,
  reactions: (source, args, _context, info) => {
    rejectUnsupportedArguments({ args, names: ["orderBy"], info });
    return reactionConnection(source.issue.reactions, args);
  },
};

function subIssuesOf(source: IssueSource, store: { issuesById: Map<number, Issue> }): Issue[] {
  return source.issue.subIssueIds.map((id) => {
    const child = store.issuesById.get(id);
    if (child === undefined) {
      throw new Error(`sandbox store links issue ${source.issue.number} to missing sub-issue id ${id}`);
    }
    return child;
  });
}

/** One `ReopenedEvent` of an issue's timeline. */
interface ReopenedEventSource {
  __typename: "ReopenedEvent";
  issue: IssueSource;
  index: number;
  reopening: Issue["reopenings"][number];
}

/** `Issue`. */
export const issueResolvers: TypeResolvers<IssueSource> = {
  ...issueLikeResolvers,
  // The sandbox keeps one kind of timeline item, reopenings; asking for others (or for all) fails loudly.
  timelineItems: (source, args, _context, info) => {
    rejectUnsupportedArguments({ args, names: ["since", "skip"], info });
    const types = args.itemTypes as readonly string[] | undefined;
    if (!types || types.length === 0 || types.some((type) => type !== "REOPENED_EVENT")) {
      throw new Error("sandbox: Issue.timelineItems keeps only reopenings: pass itemTypes: [REOPENED_EVENT]");
    }
    return connection({
      items: source.issue.reopenings.map((reopening, index) => ({ reopening, index })),
      args,
      key: (item) => item.index,
      node: (item): ReopenedEventSource => ({ __typename: "ReopenedEvent", issue: source, ...item }),
    });
  },
  state: (source) => (source.issue.state === "open" ? "OPEN" : "CLOSED"),
  stateReason: (source) => (source.issue.stateReason === null ? null : STATE_REASON[source.issue.stateReason]),
  subIssues: (source, args, context) =>
    connection({
      items: subIssuesOf(source, context.store),
      args,
      key: (child) => child.id,
      node: (child) => issueOrPullSource(context.store, child),
    }),
  subIssuesSummary: (source, _args, context) => {
    const children = subIssuesOf(source, context.store);
    const completed = children.filter((child) => child.state === "closed").length;
    return {
      total: children.length,
      completed,
      percentCompleted: children.length === 0 ? 0 : Math.floor((completed * 100) / children.length),
    };
  },
  parent: (source, _args, context) => {
    if (source.issue.parentId === null) {
      return null;
    }
    const parent = context.store.issuesById.get(source.issue.parentId);
    if (parent === undefined) {
      throw new Error(`sandbox store links issue ${source.issue.number} to missing parent id ${source.issue.parentId}`);
    }
    return issueOrPullSource(context.store, parent);
  },
};

/** `SubIssuesSummary`. */
export const subIssuesSummaryResolvers: TypeResolvers<{ total: number; completed: number; percentCompleted: number }> = {
  total: (source) => source.total,
  completed: (source) => source.completed,
  percentCompleted: (source) => source.percentCompleted,
};

/** `ReopenedEvent`. */
export const reopenedEventResolvers: TypeResolvers<ReopenedEventSource> = {
  id: (source) => Buffer.from(`ReopenedEvent:${source.issue.issue.id}:${source.index}`).toString("base64"),
  createdAt: (source) => iso(source.reopening.at),
  actor: (source) => accountSource(source.reopening.actor),
  stateReason: () => "REOPENED",
  closable: (source) => source.issue,
};
