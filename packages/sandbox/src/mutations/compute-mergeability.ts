import type { Store } from "../store.js";
import type { MergeableState, PullRequest, Repo } from "../store-types.js";
import { compareCommits } from "../git/compare-commits.js";
import { protectedMergeability } from "./protected-merge-state.js";
import { latestStatuses } from "./commit-ci-state.js";

const PASSING = new Set(["success", "neutral", "skipped"]);

/**
 * What GitHub would report as `mergeable` / `mergeable_state` for an open PR,
 * derived from the git graph, reviews and check runs — in GitHub's order of
 * precedence: conflicts (`dirty`), `draft`, changes requested (`blocked`),
 * base moved on (`behind`), checks pending or failing (`unstable`), `clean`.
 * That is the kind profile, which ignores branch protection; the production
 * profile derives the state from protection as GitHub does.
 */
export function computeMergeability(params: { store: Store; repo: Repo; pull: PullRequest }): {
  mergeable: boolean;
  mergeableState: MergeableState;
} {
  const { store, repo, pull } = params;
  if (store.profile === "production") return protectedMergeability(params);
  const comparison = compareCommits({ store, base: pull.base.sha, head: pull.head.sha });
  if (comparison.conflicts.length > 0) return { mergeable: false, mergeableState: "dirty" };
  if (pull.draft) return { mergeable: true, mergeableState: "draft" };
  const latestByReviewer = new Map<number, string>();
  for (const review of pull.reviews) {
    if (review.state === "APPROVED" || review.state === "CHANGES_REQUESTED" || review.state === "DISMISSED") {
      latestByReviewer.set(review.user.id, review.state);
    }
  }
  if ([...latestByReviewer.values()].includes("CHANGES_REQUESTED")) return { mergeable: true, mergeableState: "blocked" };
  if (comparison.behindBy > 0) return { mergeable: true, mergeableState: "behind" };
  const runs = [...repo.checkRuns.values()].filter((r) => r.headSha === pull.head.sha);
  const latestByName = new Map<string, (typeof runs)[number]>();
  for (const run of runs) latestByName.set(run.name, run);
  // A commit status that is not `success` makes it unstable as a check run does.
  const unstable =
    [...latestByName.values()].some((run) => run.status !== "completed" || run.conclusion === null || !PASSING.has(run.conclusion)) ||
    latestStatuses(repo, pull.head.sha).some((status) => status.state !== "success");
  return { mergeable: true, mergeableState: unstable ? "unstable" : "clean" };
}
