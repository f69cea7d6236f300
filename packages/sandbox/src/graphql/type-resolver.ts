import type { GraphQLTypeResolver } from "graphql";
import type { GraphqlContext } from "./resolver-types.js";

/**
 * Picks the concrete type of an interface or union value (`Node`, `Actor`,
 * `StatusCheckRollupContext`…) from the `__typename` every sandbox source
 * carries; graphql-js itself rejects a type that is not a possible one.
 */
export const typeResolver: GraphQLTypeResolver<unknown, GraphqlContext> = (value, _context, _info, abstractType) => {
  const typename = typeof value === "object" && value !== null ? (value as { __typename?: unknown }).__typename : undefined;
  if (typeof typename !== "string") {
    throw new Error(`sandbox: cannot tell which ${abstractType.name} a value is (no __typename)`);
  }
  return typename;
};
