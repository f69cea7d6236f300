import type { RawRefRules } from "./base-rules.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import { pageSizes } from "./page-sizes.js";
import { FINISHED_PULL_FIELDS, PULL_FIELDS, RULE_FIELDS } from "./pull-fields.js";
import type { RawPull } from "./raw-pull.js";

/** What the epic query answers: the epic branch and its pull requests, the default branch's rules, each child as `c<N>`. */
export interface EpicData {
  autoMergeAllowed?: boolean;
  ref: ({ name: string } & RawRefRules) | null;
  defaultRules: RawRefRules | null;
  into: { nodes: RawPull[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  done: { nodes: RawPull[] };
  open: { nodes: Array<Pick<RawPull, "number" | "baseRefName" | "headRefName" | "body" | "author">> };
  epicPulls: { nodes: RawPull[] };
  [alias: string]: unknown;
}

/**
 * The one query that reads an epic: each child listed in it, the pull
 * requests into its branch, the repository's open pull requests and the
 * epic's own pull request, and the rules of the two bases Factory merges into.
 */
export async function readEpicData(params: { octokit: Octokit; repo: RepoRef; branch: string; numbers: readonly number[] }): Promise<EpicData> {
  const { octokit, repo, branch, numbers } = params;
  const childFields = numbers
    .map((n) => `c${n}: issue(number: ${n}) { number title state stateReason body labels(first: 50) { nodes { name } } }`)
    .join("\n");
  const data = await octokit.graphql<{ repository: EpicData }>(
    `${PULL_FIELDS}
    ${FINISHED_PULL_FIELDS}
    ${RULE_FIELDS}
    query FactoryEpic($owner: String!, $name: String!, $branch: String!, $qualified: String!, $openPage: Int!, $donePage: Int!) {
      repository(owner: $owner, name: $name) {
        autoMergeAllowed
        ref(qualifiedName: $qualified) { name ...FactoryRules }
        defaultRules: defaultBranchRef { ...FactoryRules }
        into: pullRequests(baseRefName: $branch, states: [OPEN], first: $openPage, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { ...FactoryPull } pageInfo { hasNextPage endCursor } }
        done: pullRequests(baseRefName: $branch, states: [MERGED, CLOSED], first: $donePage, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { ...FactoryFinishedPull } }
        open: pullRequests(states: [OPEN], first: 100, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { number baseRefName headRefName body author { __typename login } } }
        epicPulls: pullRequests(headRefName: $branch, first: 3, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { ...FactoryPull } }
        ${childFields}
      }
    }`,
    { owner: repo.owner, name: repo.repo, branch, qualified: `refs/heads/${branch}`, ...pageSizes(numbers.length) },
  );
  return data.repository;
}
