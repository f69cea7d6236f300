import type { ConnectionSource } from "../connection.js";
import type { TypeResolvers } from "../resolver-types.js";

/** Fields every `…Connection` type shares; type-specific extras are not implemented. */
export const connectionResolvers: TypeResolvers<ConnectionSource> = {
  totalCount: (source) => source.totalCount,
  edges: (source) => source.edges,
  nodes: (source) => source.nodes,
  pageInfo: (source) => source.pageInfo,
};

/** Fields every `…Edge` type shares. */
export const edgeResolvers: TypeResolvers<ConnectionSource["edges"][number]> = {
  cursor: (source) => source.cursor,
  node: (source) => source.node,
};

/** `PageInfo`. */
export const pageInfoResolvers: TypeResolvers<ConnectionSource["pageInfo"]> = {
  hasNextPage: (source) => source.hasNextPage,
  hasPreviousPage: (source) => source.hasPreviousPage,
  startCursor: (source) => source.startCursor,
  endCursor: (source) => source.endCursor,
};
