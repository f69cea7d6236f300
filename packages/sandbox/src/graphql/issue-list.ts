import type { GraphQLResolveInfo } from "graphql";
import type { Store } from "../store.js";
import type { Issue, Repo } from "../store-types.js";
import type { FieldArgs } from "./resolver-types.js";
import { rejectUnsupportedArguments } from "./unsupported-argument.js";

/** What `states:` filters on: an issue's state, or a pull request's (merged is its own state). */
export type ListState = "OPEN" | "CLOSED" | "MERGED";

interface IssueOrder {
  field: "CREATED_AT" | "UPDATED_AT" | "COMMENTS";
  direction: "ASC" | "DESC";
}

interface IssueFilters {
  assignee?: string | null;
  createdBy?: string | null;
  labels?: string[] | null;
  since?: string | null;
  states?: ListState[] | null;
  mentioned?: unknown;
  milestone?: unknown;
  milestoneNumber?: unknown;
  viewerSubscribed?: unknown;
}

/**
 * Filters and orders a list of issues (or pull requests) the way
 * `Repository.issues` / `pullRequests` do: `states` and `labels` (any of the
 * names, case-insensitive) narrow it, `filterBy` adds assignee, author and
 * `since`; the default order is oldest first.
 */
export function listIssues(params: {
  store: Store;
  repo: Repo;
  issues: Issue[];
  args: FieldArgs;
  info: GraphQLResolveInfo;
  stateOf: (issue: Issue) => ListState;
}): Issue[] {
  const { store, repo, args, info, stateOf } = params;
  const filters = (args.filterBy ?? {}) as IssueFilters;
  rejectUnsupportedArguments({
    args: filters as FieldArgs,
    names: ["mentioned", "milestone", "milestoneNumber", "viewerSubscribed"],
    info,
  });
  const states = [...((args.states as ListState[] | null | undefined) ?? []), ...(filters.states ?? [])];
  const labels = [...((args.labels as string[] | null | undefined) ?? []), ...(filters.labels ?? [])].map((name) =>
    name.toLowerCase(),
  );
  const since = filters.since ? Date.parse(filters.since) : undefined;
  let list = params.issues.filter(
    (issue) =>
      (states.length === 0 || states.includes(stateOf(issue))) &&
      (labels.length === 0 || issue.labels.some((label) => labels.includes(label.name.toLowerCase()))) &&
      (since === undefined || issue.updatedAt.getTime() >= since) &&
      matchesAssignee(issue, filters) &&
      (filters.createdBy === undefined ||
        filters.createdBy === null ||
        issue.author.login.toLowerCase() === filters.createdBy.toLowerCase()),
  );
  const order = args.orderBy as IssueOrder | null | undefined;
  list = [...list].sort((a, b) => a.id - b.id);
  if (order) {
    const value = (issue: Issue): number =>
      order.field === "COMMENTS"
        ? store.commentsOf(repo, issue.number).length
        : (order.field === "UPDATED_AT" ? issue.updatedAt : issue.createdAt).getTime();
    const sign = order.direction === "DESC" ? -1 : 1;
    list.sort((a, b) => sign * (value(a) - value(b) || a.id - b.id));
  }
  return list;
}

/** `filterBy.assignee`: a login, `*` for any assignee, explicit `null` for none. */
function matchesAssignee(issue: Issue, filters: IssueFilters): boolean {
  if (!("assignee" in filters) || filters.assignee === undefined) {
    return true;
  }
  if (filters.assignee === null) {
    return issue.assignees.length === 0;
  }
  if (filters.assignee === "*") {
    return issue.assignees.length > 0;
  }
  const login = filters.assignee.toLowerCase();
  return issue.assignees.some((assignee) => assignee.login.toLowerCase() === login);
}
