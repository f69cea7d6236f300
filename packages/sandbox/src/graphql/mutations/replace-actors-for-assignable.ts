import type { FieldArgs, FieldResolver } from "../resolver-types.js";
import { issueOrPullSource } from "../sources.js";
import type { AccountSource, IssueSource, PullRequestSource } from "../sources.js";
import { rejectUnsupportedArguments } from "../unsupported-argument.js";
import { requireNode } from "./require-node.js";

interface ReplaceActorsInput {
  assignableId: string;
  actorIds: string[];
  agentAssignment?: unknown;
  clientMutationId?: string | null;
}

/** `replaceActorsForAssignable`: sets the assignees (users or agent bots) of an issue or pull request. */
export const replaceActorsForAssignable: FieldResolver<undefined> = (_source, args, context, info) => {
  const input = args.input as ReplaceActorsInput;
  // Where an agent should branch from is modelled for REST's
  // `agent_assignment` (issues/add-assignees) only: refusing beats dropping
  // it here, since the agent would then work on the wrong branch.
  rejectUnsupportedArguments({ args: args.input as FieldArgs, names: ["agentAssignment"], info, within: "input" });
  const { store, viewer } = context;
  const target = requireNode<IssueSource | PullRequestSource>({
    store,
    id: input.assignableId,
    types: ["Issue", "PullRequest"],
  });
  const logins = input.actorIds.map(
    (id) => requireNode<AccountSource>({ store, id, types: ["User", "Bot"] }).account.login,
  );
  const issue = store.replaceActorsForAssignable({
    actor: viewer,
    repo: target.repo,
    number: target.issue.number,
    logins,
  });
  return {
    clientMutationId: input.clientMutationId ?? null,
    assignable: issueOrPullSource(store, issue),
  };
};
