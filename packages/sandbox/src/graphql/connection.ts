import type { FieldArgs } from "./resolver-types.js";
import { GithubGraphqlError } from "./github-graphql-error.js";

/** What the generic `*Connection`, `*Edge` and `PageInfo` resolvers read. */
export interface ConnectionSource {
  totalCount: number;
  edges: { cursor: string; node: unknown }[];
  nodes: unknown[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const CURSOR_PREFIX = "cursor:v2:";

/**
 * Builds one page of a connection from the full, already filtered and ordered
 * list, the way GitHub pages: `after`/`before` narrow the list, then `first`
 * keeps the head or `last` the tail. `pageInfo` tells whether anything is left
 * on either side of the page in the whole list.
 *
 * Cursors are opaque to clients; they carry the item's key and position so a
 * page can resume after an item even when earlier items were added or removed.
 * The static query analysis has already rejected sizes over 100 and missing
 * boundaries, so the sizes here are trusted.
 */
export function connection<T>(params: {
  items: readonly T[];
  args: FieldArgs;
  /** A stable key of an item (its database id, usually). */
  key: (item: T) => string | number;
  /** Turns an item into the source object its GraphQL type resolves from. */
  node: (item: T) => unknown;
}): ConnectionSource {
  const { items, args, key, node } = params;
  const first = readCount(args.first);
  const last = readCount(args.last);
  let start = 0;
  let end = items.length;
  if (typeof args.after === "string") {
    const at = locate({ cursor: args.after, items, key });
    start = Math.max(start, at.found ? at.index + 1 : at.index);
  }
  if (typeof args.before === "string") {
    end = Math.min(end, locate({ cursor: args.before, items, key }).index);
  }
  end = Math.max(start, end);
  if (first !== undefined) {
    end = Math.min(end, start + first);
  }
  if (last !== undefined) {
    start = Math.max(start, end - last);
  }
  const edges = items.slice(start, end).map((item, offset) => ({
    cursor: encodeCursor(key(item), start + offset),
    node: node(item),
  }));
  return {
    totalCount: items.length,
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

function readCount(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** The opaque cursor of the item with `key` at position `index` of a list. */
export function encodeCursor(key: string | number, index: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${index}:${key}`).toString("base64");
}

/**
 * Where a cursor points: the index of its item, found by key; when the item
 * is gone, the position it stood at (now held by the item that followed it).
 */
function locate<T>(params: {
  cursor: string;
  items: readonly T[];
  key: (item: T) => string | number;
}): { index: number; found: boolean } {
  const decoded = Buffer.from(params.cursor, "base64").toString("utf8");
  const match = decoded.startsWith(CURSOR_PREFIX) ? /^(\d+):(.*)$/s.exec(decoded.slice(CURSOR_PREFIX.length)) : null;
  if (match === null) {
    throw new GithubGraphqlError({
      type: "INVALID_CURSOR_ARGUMENTS",
      message: `\`${params.cursor}\` does not appear to be a valid cursor.`,
    });
  }
  const index = Number(match[1]);
  const key = match[2];
  const found = params.items.findIndex((item) => String(params.key(item)) === key);
  if (found !== -1) {
    return { index: found, found: true };
  }
  return { index: Math.min(index, params.items.length), found: false };
}
