import type { Reaction } from "../store-types.js";

/** Renders the `reactions` summary GitHub embeds in issues and comments. */
export function renderReactionRollup(params: { url: string; reactions: Reaction[] }): Record<string, unknown> {
  const count = (content: Reaction["content"]): number =>
    params.reactions.filter((r) => r.content === content).length;
  return {
    url: `${params.url}/reactions`,
    total_count: params.reactions.length,
    "+1": count("+1"),
    "-1": count("-1"),
    laugh: count("laugh"),
    hooray: count("hooray"),
    confused: count("confused"),
    heart: count("heart"),
    rocket: count("rocket"),
    eyes: count("eyes"),
  };
}
