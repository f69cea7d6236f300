import type { FieldResolver } from "../resolver-types.js";
import type { ReviewThreadSource } from "../sources.js";
import { requireNode } from "./require-node.js";

/** `resolveReviewThread` (`resolved: true`) or `unresolveReviewThread` (`false`). */
export function setReviewThreadResolved(resolved: boolean): FieldResolver<undefined> {
  return (_source, args, context) => {
    const input = args.input as { threadId: string; clientMutationId?: string | null };
    const { store, viewer } = context;
    const target = requireNode<ReviewThreadSource>({ store, id: input.threadId, types: ["PullRequestReviewThread"] });
    const thread = resolved
      ? store.resolveReviewThread({ actor: viewer, threadId: target.thread.id })
      : store.unresolveReviewThread({ actor: viewer, threadId: target.thread.id });
    return {
      clientMutationId: input.clientMutationId ?? null,
      thread: { ...target, thread },
    };
  };
}
