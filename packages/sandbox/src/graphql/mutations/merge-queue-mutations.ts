import type { FieldResolver } from "../resolver-types.js";
import { mergeQueueEntrySource, pullRequestSource, type PullRequestSource } from "../sources.js";
import { requireNode } from "./require-node.js";

/**
 * `enqueuePullRequest` (https://docs.github.com/en/graphql/reference/mutations#enqueuepullrequest):
 * adds the pull request to its base branch's merge queue, refused as the
 * store refuses it (see `MergeQueueMutations.enqueue`).
 */
export const enqueuePullRequest: FieldResolver<undefined> = (_source, args, context) => {
  const input = args.input as { pullRequestId: string; expectedHeadOid?: string | null; jump?: boolean | null; clientMutationId?: string | null };
  const { store, viewer } = context;
  const target = requireNode<PullRequestSource>({ store, id: input.pullRequestId, types: ["PullRequest"] });
  store.ops.mergeQueue.enqueue({ actor: viewer, repo: target.repo, pull: target.pull, expectedHeadOid: input.expectedHeadOid ?? null, jump: input.jump === true });
  return { clientMutationId: input.clientMutationId ?? null, mergeQueueEntry: mergeQueueEntrySource(store, pullRequestSource(store, target.pull)) };
};

/** `dequeuePullRequest` (https://docs.github.com/en/graphql/reference/mutations#dequeuepullrequest): takes the pull request `id` out of its queue. */
export const dequeuePullRequest: FieldResolver<undefined> = (_source, args, context) => {
  const input = args.input as { id: string; clientMutationId?: string | null };
  const { store, viewer } = context;
  const target = requireNode<PullRequestSource>({ store, id: input.id, types: ["PullRequest"] });
  const before = mergeQueueEntrySource(store, target);
  store.ops.mergeQueue.dequeue({ actor: viewer, repo: target.repo, pull: target.pull });
  return { clientMutationId: input.clientMutationId ?? null, mergeQueueEntry: before };
};
