import { currentPull } from "./link-pulls.js";
import type { MonitorChild } from "./monitor-snapshot.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";

/**
 * Reads when each open, reopened child whose latest pull request is merged
 * was last reopened (a merge after that finishes it again): one small query
 * for all of them, none in the usual pass.
 */
export async function readReopenTimes(params: { octokit: Octokit; repo: RepoRef; children: MonitorChild[] }): Promise<void> {
  const wanted = params.children.filter((child) => child.state === "open" && child.stateReason === "reopened" && currentPull(child.pulls)?.state === "MERGED");
  if (wanted.length === 0) return;
  const fields = wanted
    .map((child) => `c${child.number}: issue(number: ${child.number}) { timelineItems(itemTypes: [REOPENED_EVENT], last: 1) { nodes { ... on ReopenedEvent { createdAt } } } }`)
    .join("\n");
  const data = await params.octokit.graphql<{ repository: Record<string, { timelineItems: { nodes: Array<{ createdAt?: string }> } } | null> }>(
    `query FactoryReopenTimes($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
    { owner: params.repo.owner, name: params.repo.repo },
  );
  for (const child of wanted) {
    const at = data.repository[`c${child.number}`]?.timelineItems.nodes[0]?.createdAt;
    if (at !== undefined) child.reopenedAt = at;
  }
}
