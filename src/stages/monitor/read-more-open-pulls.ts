import type { Octokit, RepoRef } from "../../github/octokit.js";
import { PULL_FIELDS } from "./pull-fields.js";
import type { RawPull } from "./raw-pull.js";

/** More than a page of open pull requests into the epic branch: reads the rest, a page at a time. */
export async function readMoreOpenPulls(params: {
  octokit: Octokit;
  repo: RepoRef;
  branch: string;
  /** The first page's `pageInfo`. */
  first: { hasNextPage: boolean; endCursor: string | null };
  openPage: number;
}): Promise<RawPull[]> {
  const { octokit, repo, branch } = params;
  const rest: RawPull[] = [];
  let page = params.first;
  while (page.hasNextPage && page.endCursor) {
    const more = await octokit.graphql<{ repository: { into: { nodes: RawPull[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } }>(
      `${PULL_FIELDS}
      query FactoryEpicMore($owner: String!, $name: String!, $branch: String!, $after: String!, $openPage: Int!) {
        repository(owner: $owner, name: $name) {
          into: pullRequests(baseRefName: $branch, states: [OPEN], first: $openPage, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { ...FactoryPull } pageInfo { hasNextPage endCursor } }
        }
      }`,
      { owner: repo.owner, name: repo.repo, branch, after: page.endCursor, openPage: params.openPage },
    );
    rest.push(...more.repository.into.nodes);
    page = more.repository.into.pageInfo;
  }
  return rest;
}
