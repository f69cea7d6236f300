import { describe, expect, it } from "vitest";
import { mergeConfigs } from "../../src/config/merge-configs.js";

describe("mergeConfigs", () => {
  it.each<[string, Record<string, unknown>[], Record<string, unknown>]>([
    ["nothing", [], {}],
    ["one document", [{ a: 1 }], { a: 1 }],
    ["later scalars win", [{ a: 1, b: 2 }, { a: 3 }], { a: 3, b: 2 }],
    ["mappings merge key by key", [{ m: { x: 1, y: 2 } }, { m: { y: 3 } }], { m: { x: 1, y: 3 } }],
    ["lists are replaced, not joined", [{ l: [1, 2, 3] }, { l: [4] }], { l: [4] }],
    ["a scalar replaces a mapping", [{ m: { x: 1 } }, { m: 5 }], { m: 5 }],
    ["a mapping replaces a scalar", [{ m: 5 }, { m: { x: 1 } }], { m: { x: 1 } }],
    ["three levels, lowest first", [{ a: 1, b: 1, c: 1 }, { b: 2, c: 2 }, { c: 3 }], { a: 1, b: 2, c: 3 }],
  ])("%s", (_name, documents, expected) => {
    expect(mergeConfigs(documents)).toEqual(expected);
  });

  it("does not mutate its inputs", () => {
    const base = { m: { x: 1 } };
    const top = { m: { y: 2 } };
    mergeConfigs([base, top]);
    expect(base).toEqual({ m: { x: 1 } });
    expect(top).toEqual({ m: { y: 2 } });
  });

  it("keeps a __proto__ key as a visible key instead of changing the prototype", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const merged = mergeConfigs([hostile]);
    expect(Object.keys(merged)).toEqual(["__proto__"]);
    expect((merged as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
