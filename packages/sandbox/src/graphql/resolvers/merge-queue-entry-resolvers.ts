import { iso } from "../../render/iso.js";
import type { TypeResolvers } from "../resolver-types.js";
import { accountSource, commitSource, type MergeQueueEntrySource } from "../sources.js";

/**
 * `MergeQueueEntry` (https://docs.github.com/en/graphql/reference/objects#mergequeueentry):
 * AWAITING_CHECKS while its merge group is being tested, QUEUED before.
 */
export const mergeQueueEntryResolvers: TypeResolvers<MergeQueueEntrySource> = {
  id: (source, _args, context) => context.store.nodeId("MQE", `${source.pullRequest.pull.id}:${source.entry.enqueuedAt.getTime()}`),
  enqueuedAt: (source) => iso(source.entry.enqueuedAt),
  enqueuer: (source) => accountSource(source.entry.enqueuedBy),
  position: (source) => source.position,
  state: (source) => (source.entry.group ? "AWAITING_CHECKS" : "QUEUED"),
  jump: () => false,
  solo: () => false,
  estimatedTimeToMerge: () => null,
  pullRequest: (source) => source.pullRequest,
  headCommit: (source, _args, context) => (source.entry.group ? commitSource(context.store, source.pullRequest.repo, source.entry.group.sha) : null),
  baseCommit: (source, _args, context) => (source.entry.group ? commitSource(context.store, source.pullRequest.repo, source.entry.group.baseSha) : null),
};
