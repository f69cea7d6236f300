import type { Config } from "../../config/schema.js";
import { graphqlAuthor, type FactoryIdentity } from "../../model/authorship.js";
import { isRunByFactory } from "../epic/epic-trust.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { RawIssue } from "./raw-pull.js";

/**
 * The epic issue and the repository's default branch, from a first small
 * query; undefined when there is no such issue or Factory does not run it
 * (SPEC §5).
 */
export async function readTrustedEpic(params: {
  octokit: Octokit;
  repo: RepoRef;
  epic: number;
  config: Pick<Config, "labels">;
  identity: FactoryIdentity;
}): Promise<{ epicIssue: RawIssue; defaultBranchName: string } | undefined> {
  const { octokit, repo } = params;
  // The epic body says which children to read; a first small query gets it, then one query reads everything.
  const head = await octokit.graphql<{ repository: { issue: RawIssue | null; defaultBranchRef: { name: string } | null } | null }>(
    `query FactoryEpicBody($owner: String!, $name: String!, $epic: Int!) {
      repository(owner: $owner, name: $name) {
        defaultBranchRef { name }
        issue(number: $epic) { number title state stateReason body author { __typename login } labels(first: 50) { nodes { name } } }
      }
    }`,
    { owner: repo.owner, name: repo.repo, epic: params.epic },
  );
  const epicIssue = head.repository?.issue;
  if (!epicIssue) return undefined;
  // Only an epic Factory made or a permitted user adopted is run (SPEC §5); a look-alike is someone's issue.
  const trusted = await isRunByFactory({
    octokit,
    repo,
    identity: params.identity,
    adoptedLabel: params.config.labels.adopted,
    issue: { number: epicIssue.number, body: epicIssue.body, author: graphqlAuthor(epicIssue.author), labels: epicIssue.labels.nodes.map((label) => label.name) },
  });
  if (!trusted) return undefined;
  return { epicIssue, defaultBranchName: head.repository?.defaultBranchRef?.name ?? "main" };
}
