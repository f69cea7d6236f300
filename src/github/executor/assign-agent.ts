import { bareLogin } from "../../model/authorship.js";
import type { AgentAssignment } from "../../model/action.js";
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
export async function assignAgent(params: { octokit: Octokit; repo: RepoRef; issue: number; login: string; agentAssignment?: AgentAssignment }): Promise<"done" | "exists"> {
  if (params.agentAssignment) return assignWithBranch({ ...params, agentAssignment: params.agentAssignment });
  const found = await params.octokit.graphql<Found>(FIND, { owner: params.repo.owner, name: params.repo.repo, number: params.issue, login: params.login });
  const issue = found.repository?.issue;
  if (!issue) throw new Error(`#${params.issue} was not found`);
  if (issue.assignees.nodes.some((node) => node.login.toLowerCase() === params.login.toLowerCase())) return "exists";
  const actor = found.repository?.suggestedActors.nodes.find((node) => node.login.toLowerCase() === params.login.toLowerCase());
  if (!actor?.id) throw new Error(`${params.login} cannot be assigned in ${params.repo.owner}/${params.repo.repo} (is the agent enabled for this repository?)`);
  await params.octokit.graphql(ASSIGN, { issue: issue.id, actors: [...issue.assignees.nodes.map((node) => node.id), actor.id] });
  return "done";
}

/**
 * Assigns Copilot through REST with the branch to start from and
 * instructions (`agent_assignment`, public preview since 2025-12-03:
 * https://docs.github.com/en/copilot/how-tos/use-copilot-agents/cloud-agent/create-a-pr#using-the-rest-api),
 * so its pull request starts from the epic branch. GitHub takes it only with
 * a user token. An issue already assigned to the agent is left alone: a
 * second assignment could start a second session.
 */
async function assignWithBranch(params: { octokit: Octokit; repo: RepoRef; issue: number; login: string; agentAssignment: AgentAssignment }): Promise<"done" | "exists"> {
  const { octokit, repo, agentAssignment } = params;
  const { data } = await octokit.rest.issues.get({ ...repo, issue_number: params.issue });
  const names = new Set([params.login, agentAssignment.assignee].map((login) => bareLogin(login)));
  if ((data.assignees ?? []).some((assignee) => names.has(bareLogin(assignee.login)))) return "exists";
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/assignees", {
    ...repo,
    issue_number: params.issue,
    assignees: [agentAssignment.assignee],
    agent_assignment: { target_repo: `${repo.owner}/${repo.repo}`, base_branch: agentAssignment.baseBranch, custom_instructions: agentAssignment.customInstructions },
  });
  return "done";
}
