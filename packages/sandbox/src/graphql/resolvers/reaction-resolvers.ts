import { iso } from "../../render/iso.js";
import type { Reaction, ReactionContent } from "../../store-types.js";
import { connection } from "../connection.js";
import type { ConnectionSource } from "../connection.js";
import type { FieldArgs, TypeResolvers } from "../resolver-types.js";
import { accountSource } from "../sources.js";
import type { ReactionSource } from "../sources.js";

const GRAPHQL_CONTENT: Record<ReactionContent, string> = {
  "+1": "THUMBS_UP",
  "-1": "THUMBS_DOWN",
  laugh: "LAUGH",
  confused: "CONFUSED",
  heart: "HEART",
  hooray: "HOORAY",
  rocket: "ROCKET",
  eyes: "EYES",
};

/** A `reactions(first, content)` connection over a subject's reactions, oldest first. */
export function reactionConnection(reactions: readonly Reaction[], args: FieldArgs): ConnectionSource {
  const content = typeof args.content === "string" ? args.content : undefined;
  return connection({
    items: reactions.filter((reaction) => content === undefined || GRAPHQL_CONTENT[reaction.content] === content),
    args,
    key: (reaction) => reaction.id,
    node: (reaction): ReactionSource => ({ __typename: "Reaction", reaction }),
  });
}

/** `Reaction`. */
export const reactionResolvers: TypeResolvers<ReactionSource> = {
  id: (source) => source.reaction.nodeId,
  databaseId: (source) => source.reaction.id,
  content: (source) => GRAPHQL_CONTENT[source.reaction.content],
  createdAt: (source) => iso(source.reaction.createdAt),
  user: (source) => accountSource(source.reaction.user),
};
