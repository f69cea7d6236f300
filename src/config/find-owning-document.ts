import { isPlainObject } from "./is-plain-object.js";

/** A key path as zod reports it. */
export type KeyPath = readonly PropertyKey[];

/**
 * Which document, of several merged with {@link mergeConfigs} semantics,
 * supplied the value at `path`. `documents` are in priority order (the
 * repository's own file first). Mappings are shared between documents, so the
 * walk follows every document that has the key; anything else (an array, a
 * scalar) comes whole from the first document that has it, so the walk then
 * continues in that one only. When no document has even the first key, the
 * first mapping document is answered, as that is where the key belongs.
 *
 * @returns the index into `documents`, or undefined when none is a mapping
 */
export function findOwningDocument(params: { documents: readonly unknown[]; path: KeyPath }): number | undefined {
  let candidates = params.documents.flatMap((document, index) => (isPlainObject(document) ? [index] : []));
  let owner = candidates[0];
  let values = new Map(candidates.map((index) => [index, params.documents[index]]));
  for (const segment of params.path) {
    const next = new Map<number, unknown>();
    for (const index of candidates) {
      const child = childOf(values.get(index), segment);
      if (child.found) next.set(index, child.value);
    }
    const first = next.keys().next();
    if (first.done) break;
    owner = first.value;
    candidates = isPlainObject(next.get(owner)) ? [...next.keys()] : [owner];
    values = next;
  }
  return owner;
}

function childOf(value: unknown, segment: PropertyKey): { found: true; value: unknown } | { found: false } {
  if (Array.isArray(value) && typeof segment === "number") {
    return segment < value.length ? { found: true, value: value[segment] } : { found: false };
  }
  if (isPlainObject(value) && typeof segment !== "symbol" && Object.hasOwn(value, String(segment))) {
    return { found: true, value: value[String(segment)] };
  }
  return { found: false };
}
