import type { PullRequest, Repo } from "../../store-types.js";
import { isRequiredContext } from "../../mutations/required-contexts.js";
import { GithubGraphqlError } from "../github-graphql-error.js";
import type { FieldArgs, GraphqlContext } from "../resolver-types.js";

/** The pull request `isRequired(pullRequestId:, pullRequestNumber:)` asks about. */
function pullOf(params: { repo: Repo; args: FieldArgs; context: GraphqlContext }): PullRequest {
  const { repo, args, context } = params;
  if (typeof args.pullRequestNumber === "number") {
    const pull = repo.pulls.get(args.pullRequestNumber);
    if (pull !== undefined) return pull;
    throw new GithubGraphqlError({ type: "NOT_FOUND", message: `Could not resolve to a PullRequest with the number of ${args.pullRequestNumber}.` });
  }
  if (typeof args.pullRequestId === "string") {
    const node = context.store.nodes.get(args.pullRequestId);
    if (node?.kind === "PullRequest") return node.value;
    throw new GithubGraphqlError({ type: "NOT_FOUND", message: `Could not resolve to a node with the global id of '${args.pullRequestId}'` });
  }
  throw new GithubGraphqlError({ type: "UNPROCESSABLE", message: "Either pullRequestId or pullRequestNumber must be provided." });
}

/**
 * `isRequired` of a `CheckRun` or `StatusContext` (the `RequirableByPullRequest`
 * interface): whether it must pass before that pull request may merge.
 */
export function isRequired(params: {
  repo: Repo;
  args: FieldArgs;
  context: GraphqlContext;
  name: string;
  kind: "check" | "status";
  appId: number | null;
}): boolean {
  const { repo, args, context } = params;
  const pull = pullOf({ repo, args, context });
  return isRequiredContext({ repo, pull, context: params.name, kind: params.kind, appId: params.appId });
}
