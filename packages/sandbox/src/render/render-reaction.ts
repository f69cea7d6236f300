import type { Reaction } from "../store-types.js";
import { renderUser } from "./render-user.js";
import { iso } from "./iso.js";

/** Renders a reaction as GitHub's `reaction` object. */
export function renderReaction(reaction: Reaction): Record<string, unknown> {
  return {
    id: reaction.id,
    node_id: reaction.nodeId,
    user: renderUser(reaction.user),
    content: reaction.content,
    created_at: iso(reaction.createdAt),
  };
}
