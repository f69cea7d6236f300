import { checksPassed, type PullSnapshot } from "./pull-snapshot.js";
import type { Octokit, RepoRef } from "../../github/octokit.js";
import type { RawPull } from "./raw-pull.js";

/** What the reviews of a pull request without a review decision say. */
export interface ReviewCount {
  approvals: number;
  changesRequested: boolean;
}

/**
 * Where GitHub gives no review decision (no review rule on the base branch,
 * as on most epic branches), counts the reviews itself: approvals on the
 * current head by people who can push, and whether such a person's latest
 * review asks for changes. One small query for the open pull requests whose
 * CI passed (or that have none, where `merge.withoutCI` says so) and whose
 * threads are resolved — the reviews decide their next step — none when
 * GitHub decides or none is waiting for reviews.
 * https://docs.github.com/en/graphql/reference/objects#pullrequest (reviewDecision, latestOpinionatedReviews)
 */
export async function readApprovals(params: { octokit: Octokit; repo: RepoRef; pulls: RawPull[]; toPull: (raw: RawPull) => PullSnapshot; withoutCI: boolean }): Promise<Map<number, ReviewCount>> {
  const counted = new Map<number, ReviewCount>();
  // Only where the reviews decide the next step: CI has reported and passed, and no thread is open.
  const wanted = params.pulls.filter((raw) => {
    if (raw.state !== "OPEN" || (raw.reviewDecision ?? null) !== null) return false;
    const pull = params.toPull(raw);
    return pull.unresolvedThreads.length === 0 && (pull.checks.length > 0 || params.withoutCI) && checksPassed(pull.checks);
  });
  if (wanted.length === 0) return counted;
  const fields = wanted
    .map((raw) => `p${raw.number}: pullRequest(number: ${raw.number}) { latestOpinionatedReviews(first: 30) { nodes { state authorCanPushToRepository commit { oid } } } }`)
    .join("\n");
  const data = await params.octokit.graphql<{
    repository: Record<string, { latestOpinionatedReviews: { nodes: Array<{ state: string; authorCanPushToRepository: boolean; commit: { oid: string } | null }> } } | null>;
  }>(`query FactoryApprovals($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`, { owner: params.repo.owner, name: params.repo.repo });
  for (const raw of wanted) {
    const reviews = (data.repository[`p${raw.number}`]?.latestOpinionatedReviews.nodes ?? []).filter((review) => review.authorCanPushToRepository);
    counted.set(raw.number, {
      approvals: reviews.filter((review) => review.state === "APPROVED" && review.commit?.oid === raw.headRefOid).length,
      changesRequested: reviews.some((review) => review.state === "CHANGES_REQUESTED"),
    });
  }
  return counted;
}
