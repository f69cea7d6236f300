import type { TypeResolvers } from "../resolver-types.js";
import { commitSource, issueOrPullSource } from "../sources.js";
import type { RefSource } from "../sources.js";
import { connection } from "../connection.js";
import { listIssues } from "../issue-list.js";
import { pullRequestState } from "../pull-request-state.js";
import { rejectUnsupportedArguments } from "../unsupported-argument.js";

const PREFIXES = ["refs/heads/", "refs/tags/"];

function prefixOf(source: RefSource): string {
  return PREFIXES.find((prefix) => source.qualifiedName.startsWith(prefix)) ?? "refs/";
}

/** `Ref` (a branch or tag). */
export const refResolvers: TypeResolvers<RefSource> = {
  id: (source, _args, context) => context.store.nodeId("REF", `${source.repo.id}:${source.qualifiedName}`),
  name: (source) => source.qualifiedName.slice(prefixOf(source).length),
  prefix: prefixOf,
  repository: (source) => ({ __typename: "Repository", repo: source.repo }),
  target: (source, _args, context) => commitSource(context.store, source.repo, source.sha),
  // Pull requests whose head is this branch.
  associatedPullRequests: (source, args, context, info) => {
    rejectUnsupportedArguments({ args, names: ["baseRefName", "headRefName"], info });
    const { store } = context;
    const { repo } = source;
    const branch = source.qualifiedName.slice(prefixOf(source).length);
    const pulls = [...repo.pulls.values()].filter((pull) => pull.head.repoId === repo.id && pull.head.ref === branch);
    const issues = pulls.map((pull) => repo.issues.get(pull.number)).filter((issue) => issue !== undefined);
    const list = listIssues({
      store,
      repo,
      issues,
      args,
      info,
      stateOf: (issue) => {
        const pull = repo.pulls.get(issue.number);
        return pull === undefined ? "CLOSED" : pullRequestState(issue, pull);
      },
    });
    return connection({ items: list, args, key: (item) => item.id, node: (item) => issueOrPullSource(store, item) });
  },
};
