import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { ChildLookup } from "./plan-adopt.js";

/**
 * Each listed number as GitHub has it — an issue (open or closed), a pull
 * request, or nothing — in one GraphQL query of aliases. GitHub answers a
 * number with no issue by a null and a NOT_FOUND error beside the data;
 * any other error is a real failure.
 * https://docs.github.com/en/graphql/reference/objects#repository (issueOrPullRequest)
 */
export async function lookUpChildren(params: { octokit: Octokit; repo: RepoRef; numbers: readonly number[] }): Promise<Map<number, ChildLookup>> {
  const found = new Map<number, ChildLookup>();
  if (params.numbers.length === 0) return found;
  const fields = params.numbers
    .map((n) => `c${n}: issueOrPullRequest(number: ${n}) { __typename ... on Issue { number databaseId title state labels(first: 50) { nodes { name } } } ... on PullRequest { number } }`)
    .join("\n");
  type Raw = { __typename: "Issue"; number: number; databaseId: number; title: string; state: "OPEN" | "CLOSED"; labels: { nodes: Array<{ name: string }> } } | { __typename: "PullRequest"; number: number };
  let repository: Record<string, Raw | null>;
  try {
    const data = await params.octokit.graphql<{ repository: Record<string, Raw | null> }>(
      `query FactoryAdoptChildren($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
      { owner: params.repo.owner, name: params.repo.repo },
    );
    repository = data.repository;
  } catch (error) {
    const partial = error as { data?: { repository?: Record<string, Raw | null> | null }; errors?: Array<{ type?: string }> };
    if (!partial.data?.repository || !(partial.errors ?? []).every((e) => e.type === "NOT_FOUND")) throw error;
    repository = partial.data.repository;
  }
  for (const n of params.numbers) {
    const raw = repository[`c${n}`];
    if (!raw) found.set(n, { kind: "missing", number: n });
    else if (raw.__typename === "PullRequest") found.set(n, { kind: "pull", number: n });
    else found.set(n, { kind: "issue", number: n, id: raw.databaseId, title: raw.title, state: raw.state === "OPEN" ? "open" : "closed", labels: raw.labels.nodes.map((label) => label.name) });
  }
  return found;
}
