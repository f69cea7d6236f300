import { isPlainObject } from "./is-plain-object.js";

/**
 * Deep-merges configuration documents, lowest priority first: mappings are
 * merged key by key, anything else (arrays included) is replaced by the later
 * document's value. Replacing arrays is deliberate: a repository that lists
 * its own `agents` means exactly those, not the organisation's plus its own
 * (Probot's default deepmerge would concatenate them). Inputs are not mutated.
 */
export function mergeConfigs(documents: readonly Record<string, unknown>[]): Record<string, unknown> {
  return documents.reduce<Record<string, unknown>>((merged, document) => mergeTwo(merged, document), {});
}

function mergeTwo(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) setOwn(result, key, value);
  for (const [key, value] of Object.entries(source)) {
    const current = Object.hasOwn(result, key) ? result[key] : undefined;
    setOwn(result, key, isPlainObject(current) && isPlainObject(value) ? mergeTwo(current, value) : value);
  }
  return result;
}

/**
 * Plain assignment of a `__proto__` key would change the object's prototype
 * instead of creating a key, hiding it from the strict schema; defining the
 * property keeps it a visible (and then rejected) key.
 */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
