import { answeredReviews, type PullSnapshot } from "./pull-snapshot.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { RawPull } from "./raw-pull.js";

/**
 * Reads when each review thread was opened, for the open pull requests whose
 * agent answered a reviews request with a newer commit (threads older than
 * that commit are then resolved): one small query for all of them. Returns
 * the pull requests whose threads it filled in (their snapshots are stale).
 */
export async function readThreadTimes(params: { octokit: Octokit; repo: RepoRef; pulls: RawPull[]; toPull: (raw: RawPull) => PullSnapshot }): Promise<RawPull[]> {
  const wanted = params.pulls.filter((raw) => {
    const pull = params.toPull(raw);
    return answeredReviews(pull) && pull.unresolvedThreads.length > 0;
  });
  if (wanted.length === 0) return [];
  const fields = wanted
    .map((raw) => `p${raw.number}: pullRequest(number: ${raw.number}) { reviewThreads(first: 30) { nodes { id isResolved comments(first: 1) { nodes { createdAt } } } } }`)
    .join("\n");
  const data = await params.octokit.graphql<{ repository: Record<string, { reviewThreads: NonNullable<RawPull["reviewThreads"]> } | null> }>(
    `query FactoryThreadTimes($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`,
    { owner: params.repo.owner, name: params.repo.repo },
  );
  for (const raw of wanted) {
    const threads = data.repository[`p${raw.number}`]?.reviewThreads;
    if (threads) raw.reviewThreads = threads;
  }
  return wanted;
}
