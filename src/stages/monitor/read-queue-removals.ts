import type { PullSnapshot } from "./pull-snapshot.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { RawPull } from "./raw-pull.js";

/**
 * For open pull requests into a branch with a merge queue that are not in
 * it: when the queue last took each out without merging, and on which head
 * (one small query for all of them; none where no branch has a queue).
 */
export async function readQueueRemovals(params: {
  octokit: Octokit;
  repo: RepoRef;
  pulls: RawPull[];
  toPull: (raw: RawPull) => PullSnapshot;
  snapshots: Map<RawPull, PullSnapshot>;
}): Promise<void> {
  const outside = params.pulls.filter((raw) => raw.state === "OPEN" && !raw.isInMergeQueue && params.toPull(raw).baseRules?.mergeQueue);
  if (outside.length === 0) return;
  const fields = outside
    .map((raw) => `p${raw.number}: pullRequest(number: ${raw.number}) { timelineItems(itemTypes: [REMOVED_FROM_MERGE_QUEUE_EVENT], last: 1) { nodes { ... on RemovedFromMergeQueueEvent { reason beforeCommit { oid } } } } }`)
    .join("\n");
  const data = await params.octokit.graphql<{ repository: Record<string, { timelineItems: { nodes: Array<{ reason?: string | null; beforeCommit?: { oid: string } | null }> } } | null> }>(
    `query FactoryQueueRemovals($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
    { owner: params.repo.owner, name: params.repo.repo },
  );
  for (const raw of outside) {
    const last = data.repository[`p${raw.number}`]?.timelineItems.nodes[0];
    if (!last?.beforeCommit) continue;
    const pull = params.toPull(raw);
    params.snapshots.set(raw, { ...pull, queueRemoval: { sha: last.beforeCommit.oid, reason: last.reason ?? "UNKNOWN_REMOVAL_REASON" } });
  }
}
