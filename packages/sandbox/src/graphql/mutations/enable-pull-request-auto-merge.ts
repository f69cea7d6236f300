import { GithubGraphqlError } from "../github-graphql-error.js";
import type { FieldArgs, FieldResolver } from "../resolver-types.js";
import { accountSource, pullRequestSource } from "../sources.js";
import type { PullRequestSource } from "../sources.js";
import { rejectUnsupportedArguments } from "../unsupported-argument.js";
import { requireNode } from "./require-node.js";

interface EnableAutoMergeInput {
  pullRequestId: string;
  mergeMethod?: "MERGE" | "SQUASH" | "REBASE" | null;
  commitHeadline?: string | null;
  commitBody?: string | null;
  expectedHeadOid?: string | null;
  authorEmail?: string | null;
  clientMutationId?: string | null;
}

/**
 * `enablePullRequestAutoMerge`. GitHub's default merge method is MERGE; an
 * `expectedHeadOid` that is no longer the head refuses the request, so a
 * client cannot enable auto-merge for commits it has not seen. An app needs
 * both "Contents" and "Pull requests" write to arm it (the mutation schedules
 * a merge commit); without them GitHub answers "Resource not accessible by
 * integration" (https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps,
 * https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/incorporating-changes-from-a-pull-request/automatically-merging-a-pull-request).
 */
export const enablePullRequestAutoMerge: FieldResolver<undefined> = (_source, args, context, info) => {
  const input = args.input as EnableAutoMergeInput;
  rejectUnsupportedArguments({ args: args.input as FieldArgs, names: ["authorEmail"], info, within: "input" });
  const { store, viewer, permissions } = context;
  if (permissions && (permissions.contents !== "write" || permissions.pull_requests !== "write")) {
    throw new GithubGraphqlError({ type: "FORBIDDEN", message: "Resource not accessible by integration" });
  }
  const target = requireNode<PullRequestSource>({ store, id: input.pullRequestId, types: ["PullRequest"] });
  if (input.expectedHeadOid && input.expectedHeadOid !== target.pull.head.sha) {
    throw new GithubGraphqlError({
      type: "UNPROCESSABLE",
      message: "Head branch was modified. Review and try the merge again.",
    });
  }
  const pull = store.enablePullRequestAutoMerge({
    actor: viewer,
    repo: target.repo,
    number: target.issue.number,
    mergeMethod: input.mergeMethod ? (input.mergeMethod.toLowerCase() as "merge" | "squash" | "rebase") : undefined,
    commitTitle: input.commitHeadline ?? null,
    commitMessage: input.commitBody ?? null,
  });
  return {
    clientMutationId: input.clientMutationId ?? null,
    pullRequest: pullRequestSource(store, pull),
    actor: accountSource(viewer),
  };
};
