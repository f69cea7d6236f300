import { describe, expect, it } from "vitest";
import { findOwningDocument, type KeyPath } from "../../src/config/find-owning-document.js";

const repo = { merge: { method: "fast" }, agents: [{ name: "devin" }], budget: { repoShare: 2 } };
const org = {
  merge: { method: "rebase", auto: "yes" },
  agents: [{ name: "devin", trigger: { type: "label" } }],
  epics: { minChildren: 0 },
};

describe("findOwningDocument", () => {
  it.each<[string, KeyPath, number | undefined]>([
    ["a key only the repository sets", ["budget", "repoShare"], 0],
    ["a key both set: the repository wins", ["merge", "method"], 0],
    ["a key only the organisation sets inside a shared mapping", ["merge", "auto"], 1],
    ["a section only the organisation has", ["epics", "minChildren"], 1],
    ["inside a list: the list comes whole from the repository", ["agents", 0, "trigger"], 0],
    ["a key nobody sets: the repository's file", ["labels", "epic"], 0],
    ["the root", [], 0],
  ])("%s", (_name, path, expected) => {
    expect(findOwningDocument({ documents: [repo, org], path })).toBe(expected);
  });

  it("skips documents that are not mappings and answers undefined when none is", () => {
    expect(findOwningDocument({ documents: [[1], { a: 1 }], path: ["a"] })).toBe(1);
    expect(findOwningDocument({ documents: [[1], 4], path: ["a"] })).toBeUndefined();
  });
});
