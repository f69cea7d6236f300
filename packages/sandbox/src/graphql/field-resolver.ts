import type { GraphQLFieldResolver } from "graphql";
import type { FieldResolver, GraphqlContext } from "./resolver-types.js";
import { resolverMap } from "./resolver-map.js";
import { connectionResolvers, edgeResolvers } from "./resolvers/connection-resolvers.js";

/** The resolver of `type.field`, or `undefined` when the sandbox does not implement it. */
function lookup(typeName: string, fieldName: string, source: unknown): FieldResolver<never> | undefined {
  const own = resolverMap[typeName]?.[fieldName];
  if (own !== undefined) {
    return own;
  }
  if (typeName.endsWith("Connection")) {
    return connectionResolvers[fieldName];
  }
  if (typeName.endsWith("Edge")) {
    return edgeResolvers[fieldName];
  }
  // Mutation payloads are plain objects holding exactly the fields their
  // mutation fills in.
  if (typeName.endsWith("Payload") && typeof source === "object" && source !== null && Object.hasOwn(source, fieldName)) {
    return () => (source as Record<string, unknown>)[fieldName];
  }
  return undefined;
}

/**
 * The one field resolver of the sandbox schema: dispatches to the resolver
 * map, and turns any field without a resolver into an error naming it, so a
 * query the sandbox cannot answer faithfully never gets a silent `null`.
 */
export const fieldResolver: GraphQLFieldResolver<unknown, GraphqlContext> = (source, args, context, info) => {
  const typeName = info.parentType.name;
  const resolve = lookup(typeName, info.fieldName, source);
  if (resolve === undefined) {
    throw new Error(`sandbox: field ${typeName}.${info.fieldName} is not implemented`);
  }
  return resolve(source as never, args, context, info);
};
