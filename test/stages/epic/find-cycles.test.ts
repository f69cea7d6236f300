import { describe, expect, it } from "vitest";
import { findCycles } from "../../../src/stages/epic/find-cycles.js";

type Edges = Array<[number, number[]]>;

describe("findCycles", () => {
  it.each<[string, Edges, number[][]]>([
    ["no cycle in a chain", [[1, [2]], [2, [3]], [3, []]], []],
    ["no cycle in a diamond", [[1, [2, 3]], [2, [4]], [3, [4]], [4, []]], []],
    ["a 2-cycle", [[7, [8]], [8, [7]]], [[7, 8]]],
    ["a 3-cycle beside an unrelated chain", [[3, [1]], [10, [11]], [1, [2]], [11, [12]], [2, [3]], [12, []]], [[1, 2, 3]]],
    ["a cycle reached through a tail, without the tail", [[1, [2]], [2, [3]], [3, [2]]], [[2, 3]]],
    ["a self-loop", [[5, [5]], [6, [5]]], [[5]]],
    ["two separate cycles, sorted by their smallest number", [[20, [21]], [21, [20]], [30, []], [9, [4]], [4, [9]]], [[4, 9], [20, 21]]],
    ["edges to unknown numbers only", [[1, [99]], [2, [1, 100]]], []],
    ["a cycle with an edge to an unknown number", [[1, [2, 50]], [2, [1]]], [[1, 2]]],
    ["a figure eight as one cycle", [[1, [2]], [2, [1, 3]], [3, [2]]], [[1, 2, 3]]],
  ])("%s", (_name, edges, cycles) => {
    expect(findCycles(new Map(edges))).toEqual(cycles);
  });

  it("gives the same cycles whatever order the nodes come in", () => {
    const edges: Edges = [[40, [41]], [41, [42]], [42, [40]], [5, [6]], [6, [5]], [7, []]];
    expect(findCycles(new Map([...edges].reverse()))).toEqual([[5, 6], [40, 41, 42]]);
    expect(findCycles(new Map(edges))).toEqual([[5, 6], [40, 41, 42]]);
  });
});
