import type { Store } from "../../store.js";
import { GithubGraphqlError } from "../github-graphql-error.js";
import type { FieldResolver } from "../resolver-types.js";
import { issueOrPullSource } from "../sources.js";
import type { IssueSource } from "../sources.js";
import { requireNode } from "./require-node.js";

interface AddSubIssueInput {
  issueId: string;
  subIssueId?: string | null;
  subIssueUrl?: string | null;
  replaceParent?: boolean | null;
  clientMutationId?: string | null;
}

const ISSUE_URL = /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/issues\/(\d+)$/;

/** The child named by id or by its `https://github.com/o/r/issues/N` URL. */
function requireChild(store: Store, input: AddSubIssueInput): IssueSource {
  if (input.subIssueId) {
    return requireNode<IssueSource>({ store, id: input.subIssueId, types: ["Issue"] });
  }
  const match = input.subIssueUrl ? ISSUE_URL.exec(input.subIssueUrl) : null;
  const repo = match ? store.repo(match[1] ?? "", match[2] ?? "") : undefined;
  const issue = match ? repo?.issues.get(Number(match[3])) : undefined;
  if (repo === undefined || issue === undefined || issue.isPullRequest) {
    throw new GithubGraphqlError({
      type: "UNPROCESSABLE",
      message: input.subIssueUrl
        ? `Could not resolve to an Issue with the URL of '${input.subIssueUrl}'.`
        : "Either subIssueId or subIssueUrl must be provided.",
    });
  }
  return { __typename: "Issue", repo, issue };
}

/** `addSubIssue`: links an issue under a parent (the store enforces GitHub's limits). */
export const addSubIssue: FieldResolver<undefined> = (_source, args, context) => {
  const input = args.input as AddSubIssueInput;
  const { store, viewer } = context;
  const parent = requireNode<IssueSource>({ store, id: input.issueId, types: ["Issue"] });
  const child = requireChild(store, input);
  store.addSubIssue({
    actor: viewer,
    repo: parent.repo,
    parentNumber: parent.issue.number,
    childId: child.issue.id,
    replaceParent: input.replaceParent ?? false,
  });
  return {
    clientMutationId: input.clientMutationId ?? null,
    issue: issueOrPullSource(store, parent.issue),
    subIssue: issueOrPullSource(store, child.issue),
  };
};
