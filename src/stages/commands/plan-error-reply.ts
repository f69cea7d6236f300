import type { Action } from "../../model/action.js";
import { describeError } from "../../model/describe-error.js";

/**
 * What to post when a command job fails: a 😕 on the command and one comment
 * saying what went wrong in words the author can act on, with the delivery id
 * so an operator can find the log line.
 */
export function planErrorReply(params: {
  issueNumber: number;
  comment: { id: number; createdAt: string };
  deliveryId: string;
  error: unknown;
}): Action[] {
  const { comment } = params;
  return [
    {
      kind: "comment",
      key: `error:${comment.id}`,
      issue: params.issueNumber,
      since: comment.createdAt,
      marker: { kind: "error", fields: { comment: String(comment.id) } },
      body: [
        `😕 Factory could not finish the command in [this comment](#issuecomment-${comment.id}): ${describeError(params.error)}.`,
        "",
        "Anything listed as done above this message happened; nothing else did. " +
          `Running the command again is safe. Operators can find the details in the logs under delivery \`${safeId(params.deliveryId)}\`.`,
      ].join("\n"),
    },
    { kind: "addReaction", key: `refused:${comment.id}`, commentId: comment.id, content: "confused" },
  ];
}

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, "").slice(0, 64);
}
