import type { Store } from "../../store.js";
import { GithubGraphqlError } from "../github-graphql-error.js";
import { nodeSource } from "../node-source.js";

/**
 * The source behind a mutation's node id, which must be one of the expected
 * GraphQL types (GitHub answers NOT_FOUND for an id of another type).
 */
export function requireNode<S extends { __typename: string }>(params: {
  store: Store;
  id: string;
  types: readonly S["__typename"][];
}): S {
  const source = nodeSource(params.store, params.id) as { __typename: string };
  if (!params.types.includes(source.__typename)) {
    throw new GithubGraphqlError({
      type: "NOT_FOUND",
      message: `Could not resolve to ${params.types.join(" or ")} node with the global id of '${params.id}'.`,
    });
  }
  return source as S;
}
