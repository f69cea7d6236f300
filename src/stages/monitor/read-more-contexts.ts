import type { Octokit, RepoRef } from "../../github/octokit.js";
import { CONTEXT_FIELDS } from "./pull-fields.js";
import type { RawContext, RawPull } from "./raw-pull.js";

/**
 * Reads the rest of each head's checks and statuses beyond the first page of
 * `statusCheckRollup.contexts`, a page of 100 at a time, into the raw pull
 * request (GitHub pages rollups like any connection:
 * https://docs.github.com/en/graphql/reference/objects#statuscheckrollup).
 */
export async function readMoreContexts(params: { octokit: Octokit; repo: RepoRef; pulls: RawPull[] }): Promise<void> {
  for (const raw of params.pulls) {
    const contexts = raw.statusCheckRollup?.contexts;
    let page = contexts?.pageInfo;
    while (contexts && page?.hasNextPage && page.endCursor) {
      const more = await params.octokit.graphql<{
        repository: { pullRequest: { statusCheckRollup: { contexts: { nodes: RawContext[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } | null };
      }>(
        `${CONTEXT_FIELDS}
        query FactoryMoreChecks($owner: String!, $name: String!, $number: Int!, $after: String!) {
          repository(owner: $owner, name: $name) { pullRequest(number: $number) { statusCheckRollup { contexts(first: 100, after: $after) { nodes { ...FactoryContext } pageInfo { hasNextPage endCursor } } } } }
        }`,
        { owner: params.repo.owner, name: params.repo.repo, number: raw.number, after: page.endCursor },
      );
      const next = more.repository.pullRequest?.statusCheckRollup?.contexts;
      if (!next) break;
      contexts.nodes.push(...next.nodes);
      page = next.pageInfo;
    }
  }
}
