import { describe, expect, it } from "vitest";
import type { KeyPath } from "../../src/config/find-owning-document.js";
import { locateYamlPath } from "../../src/config/locate-yaml-path.js";

const text = [
  "# Factory settings", // 1
  "agents:", // 2
  "  - name: jules", // 3
  "  - name: helper", // 4
  "    trigger:", // 5
  "      type: label", // 6
  "dispatch:", // 7
  "  route: [jules, codex]", // 8
  "budget:", // 9
  "  repoShare:", // 10
  "    1.5", // 11
  "", // 12
].join("\n");

describe("locateYamlPath", () => {
  it.each<[string, KeyPath, number | undefined]>([
    ["the root: first content line", [], 2],
    ["a top-level key", ["dispatch"], 7],
    ["a list item: its dash", ["agents", 1], 4],
    ["a key inside a list item", ["agents", 1, "trigger", "type"], 6],
    ["an item of a flow list", ["dispatch", "route", 1], 8],
    ["a key whose value is on the next line: the key", ["budget", "repoShare"], 10],
    ["a missing key: its parent", ["agents", 1, "trigger", "label"], 5],
    ["an index past the end: the list", ["agents", 7], 2],
    ["a key under a scalar: the scalar's key", ["dispatch", "route", 1, "x"], 8],
  ])("%s", (_name, path, expected) => {
    expect(locateYamlPath({ text, path })).toBe(expected);
  });

  it("answers undefined for a file without content", () => {
    expect(locateYamlPath({ text: "# only a comment\n", path: ["a"] })).toBeUndefined();
  });
});
