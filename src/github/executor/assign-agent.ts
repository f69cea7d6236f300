import type { Octokit, RepoRef } from "../octokit.js";

const FIND = /* GraphQL */ `
  query FactoryAssignable($owner: String!, $name: String!, $number: Int!, $login: String!) {
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        id
        assignees(first: 20) { nodes { id login } }
      }
      suggestedActors(capabilities: [CAN_BE_ASSIGNED], first: 10, loginNames: $login) {
        nodes { login ... on User { id } ... on Bot { id } }
      }
    }
  }
`;

const ASSIGN = /* GraphQL */ `
  mutation FactoryAssign($issue: ID!, $actors: [ID!]!) {
    replaceActorsForAssignable(input: { assignableId: $issue, actorIds: $actors }) {
      assignable { ... on Issue { number } }
    }
  }
`;

interface Found {
  repository: {
    issue: { id: string; assignees: { nodes: Array<{ id: string; login: string }> } } | null;
    suggestedActors: { nodes: Array<{ login: string; id?: string }> };
  } | null;
}

/**
 * Assigns an issue to an agent account such as Copilot. Agents are bots that
 * `user(login:)` cannot return, so the account comes from the repository's
 * suggested actors, and the assignment goes through
 * `replaceActorsForAssignable` (keeping the people already assigned), which
 * GitHub only accepts from a user token
 * (https://docs.github.com/en/copilot/how-tos/use-copilot-agents/coding-agent/assign-copilot-to-an-issue).
 */
export async function assignAgent(params: { octokit: Octokit; repo: RepoRef; issue: number; login: string }): Promise<"done" | "exists"> {
  const found = await params.octokit.graphql<Found>(FIND, { owner: params.repo.owner, name: params.repo.repo, number: params.issue, login: params.login });
  const issue = found.repository?.issue;
  if (!issue) throw new Error(`#${params.issue} was not found`);
  if (issue.assignees.nodes.some((node) => node.login.toLowerCase() === params.login.toLowerCase())) return "exists";
  const actor = found.repository?.suggestedActors.nodes.find((node) => node.login.toLowerCase() === params.login.toLowerCase());
  if (!actor?.id) throw new Error(`${params.login} cannot be assigned in ${params.repo.owner}/${params.repo.repo} (is the agent enabled for this repository?)`);
  await params.octokit.graphql(ASSIGN, { issue: issue.id, actors: [...issue.assignees.nodes.map((node) => node.id), actor.id] });
  return "done";
}
