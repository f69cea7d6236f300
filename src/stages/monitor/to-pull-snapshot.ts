import { factoryMarkers, graphqlAuthor, type FactoryIdentity } from "../../model/authorship.js";
import { parseMarkers } from "../../model/markers.js";
import { NUDGE_KINDS, type CheckState, type Nudge, type NudgeKind, type PullSnapshot } from "./pull-snapshot.js";
import { FACTORY_CHECK } from "../../model/factory-check.js";
import type { RawPull } from "./raw-pull.js";

/**
 * A raw pull request as the monitor sees it, with only Factory's own request
 * markers kept from its comments: those its app wrote, and those written as
 * one of `requesters` — the members the organisation's file gives a token,
 * as whom Factory asks agents that ignore apps (SPEC §5).
 */
export function toPullSnapshot(raw: RawPull, identity: FactoryIdentity, requesters: readonly string[] = []): PullSnapshot {
  const contexts = raw.statusCheckRollup?.contexts.nodes ?? [];
  const nudges: Nudge[] = [];
  const asMember = new Set(requesters.map((login) => login.toLowerCase()));
  for (const comment of raw.comments.nodes) {
    // Only Factory's own comments count: nobody else can forge (or silence) a request's history.
    const author = graphqlAuthor(comment.author);
    const byRequester = author !== null && !author.bot && asMember.has(author.login.toLowerCase());
    for (const marker of byRequester ? parseMarkers(comment.body) : factoryMarkers({ body: comment.body, author }, identity)) {
      const kind = marker.fields.kind as NudgeKind;
      if (marker.kind !== "nudge" || !NUDGE_KINDS.includes(kind) || !marker.fields.sha) continue;
      const resolver = marker.fields.resolver;
      nudges.push({ kind, sha: marker.fields.sha, at: comment.createdAt, ...(resolver ? { resolver } : {}) });
    }
  }
  return {
    number: raw.number,
    nodeId: raw.id,
    state: raw.state,
    isDraft: raw.isDraft,
    base: raw.baseRefName,
    head: raw.headRefName,
    headSha: raw.headRefOid,
    headCommittedAt: raw.headRef?.target?.committedDate ?? raw.createdAt,
    author: raw.author?.login ?? "ghost",
    mergeable: raw.mergeable ?? "UNKNOWN",
    mergeStateStatus: raw.mergeStateStatus ?? "UNKNOWN",
    reviewDecision: raw.reviewDecision ?? null,
    unresolvedThreads: (raw.reviewThreads?.nodes ?? [])
      .filter((thread) => !thread.isResolved)
      .map((thread) => {
        const opened = thread.comments?.nodes[0]?.createdAt;
        return opened === undefined ? { id: thread.id } : { id: thread.id, createdAt: opened };
      }),
    // Factory's own check run reports on the pull request; it is not one of the checks the agent must pass.
    // Commit statuses are CI as much as check runs are (Jenkins, Buildkite …): each context counts as a check.
    checks: contexts.flatMap((node) => {
      if (node.__typename === "CheckRun" && node.name !== FACTORY_CHECK) return [{ name: node.name ?? "check", status: node.status ?? "COMPLETED", conclusion: node.conclusion ?? null }];
      if (node.__typename === "StatusContext") return [statusAsCheck(node)];
      return [];
    }),
    ...factoryCheckOf(contexts),
    autoMerge: raw.autoMergeRequest !== null,
    ...(raw.isInMergeQueue ? { inMergeQueue: true } : {}),
    labels: (raw.labels?.nodes ?? []).map((label) => label.name),
    nudges,
    mergedAt: raw.mergedAt,
    closedAt: raw.closedAt,
    createdAt: raw.createdAt,
  };
}

function factoryCheckOf(nodes: ReadonlyArray<{ __typename: string; databaseId?: number; name?: string; summary?: string | null }>): Pick<PullSnapshot, "factoryCheck"> {
  const own = nodes.find((node) => node.__typename === "CheckRun" && node.name === FACTORY_CHECK && node.databaseId !== undefined);
  return own ? { factoryCheck: { id: own.databaseId as number, summary: own.summary ?? "" } } : {};
}

/**
 * A commit status as a check: pending (or expected) is still running; error
 * and failure failed; success passed.
 * https://docs.github.com/en/graphql/reference/enums#statusstate
 */
function statusAsCheck(node: { context?: string; state?: string }): CheckState {
  const state = (node.state ?? "PENDING").toUpperCase();
  const running = state === "PENDING" || state === "EXPECTED";
  return { name: node.context ?? "status", status: running ? "IN_PROGRESS" : "COMPLETED", conclusion: running ? null : state === "SUCCESS" ? "SUCCESS" : "FAILURE" };
}
