import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import type { Candidate } from "../../../src/stages/epic/candidate.js";
import { chunk, dominantTheme, groupCandidates, themeOf } from "../../../src/stages/epic/group-candidates.js";
import { CONFIG, candidate, candidates } from "./make-candidate.js";

const rules = CONFIG.epics;
const summary = (groups: ReadonlyArray<{ theme: string; children: Candidate[] }>) =>
  groups.map((group) => `${group.theme}:${group.children.map((child) => child.number).join(",")}`);

/** 30 candidates: security 12, quality 7, performance 4, testing 5, docs 2 (numbered 100…129). */
function thirty(): Candidate[] {
  const mix: Array<[Candidate["type"], number]> = [["security", 12], ["quality", 7], ["performance", 4], ["testing", 5], ["docs", 2]];
  let next = 100;
  return mix.flatMap(([type, count]) => {
    const made = candidates(next, count, { type });
    next += count;
    return made;
  });
}

describe("groupCandidates", () => {
  it("leaves 2 candidates for direct dispatch", () => {
    const { groups, direct } = groupCandidates([candidate(2), candidate(1)], rules);
    expect(groups).toEqual([]);
    expect(direct.map((c) => c.number)).toEqual([1, 2]);
  });

  it("makes one epic of 4, themed by the dominant type", () => {
    const input = [candidate(1), candidate(2, { type: "security" }), candidate(3, { type: "security" }), candidate(4, { type: "security" })];
    const { groups, direct } = groupCandidates(input, rules);
    expect(summary(groups)).toEqual(["security:1,2,3,4"]);
    expect(direct).toEqual([]);
  });

  it("makes one epic of 7, listed by severity then number", () => {
    const input = [...candidates(1, 6), candidate(7, { severity: "critical" })];
    expect(summary(groupCandidates(input, rules).groups)).toEqual(["quality:7,1,2,3,4,5,6"]);
  });

  it("splits 30 candidates into themed epics of 3 to 10, each candidate exactly once", () => {
    const { groups, direct } = groupCandidates(thirty(), rules);
    expect(groups.map((group) => [group.theme, group.children.length])).toEqual([
      ["security", 6],
      ["security", 6],
      ["quality", 7],
      ["performance", 6],
      ["testing", 5],
    ]);
    for (const group of groups) {
      expect(group.children.length).toBeGreaterThanOrEqual(3);
      expect(group.children.length).toBeLessThanOrEqual(10);
    }
    const placed = [...groups.flatMap((group) => group.children), ...direct].map((c) => c.number).sort((a, b) => a - b);
    expect(placed).toEqual(Array.from({ length: 30 }, (_, index) => 100 + index));
    expect(direct).toEqual([]);
  });

  it("splits a group of 9 into 3, 3, 3 under maxChildren 4", () => {
    const small = configSchema.parse({ epics: { maxChildren: 4 } }).epics;
    expect(summary(groupCandidates(candidates(1, 9), small).groups)).toEqual(["quality:1,2,3", "quality:4,5,6", "quality:7,8,9"]);
  });

  it("pools small themes into a mixed epic once the pool reaches minChildren", () => {
    const input = [
      ...candidates(1, 5, { type: "security" }),
      ...candidates(6, 2, { type: "docs" }),
      candidate(8, { type: "performance", severity: "high" }),
      ...candidates(9, 2),
    ];
    expect(summary(groupCandidates(input, rules).groups)).toEqual(["security:1,2,3,4,5", "mixed:8,6,7,9,10"]);
  });

  it("adds a pool below minChildren to the roomiest epic", () => {
    const input = [...candidates(1, 5, { type: "security" }), ...candidates(6, 3, { type: "testing" }), candidate(9, { type: "docs" }), candidate(10)];
    expect(summary(groupCandidates(input, rules).groups)).toEqual(["security:1,2,3,4,5", "testing:6,7,8,9,10"]);
  });

  it("puts a framework issue with the issues it covers", () => {
    const framework = candidate(20, { framework: true, covers: [1, 2, 3] });
    const input = [...candidates(1, 5, { type: "security" }), ...candidates(6, 4, { type: "testing" }), framework];
    expect(summary(groupCandidates(input, rules).groups)).toEqual(["security:1,2,3,4,5,20", "testing:6,7,8,9"]);
  });
});

describe("themeOf and dominantTheme", () => {
  const all = [candidate(1, { type: "security" }), candidate(2, { type: "security" }), candidate(3, { type: "testing" })];

  it.each<[string, Candidate, string]>([
    ["a plain candidate: its type", candidate(9, { type: "performance" }), "performance"],
    ["a framework issue: the most common type it covers", candidate(9, { framework: true, covers: [1, 2, 3] }), "security"],
    ["a framework issue covering nothing known: its own type", candidate(9, { framework: true, covers: [50] }), "quality"],
  ])("%s", (_name, subject, theme) => {
    expect(themeOf(subject, all)).toBe(theme);
  });

  it("breaks ties by the order of themes", () => {
    expect(dominantTheme([candidate(1, { type: "docs" }), candidate(2, { type: "testing" })])).toBe("testing");
    expect(dominantTheme([])).toBe("mixed");
  });
});

describe("chunk", () => {
  it.each([
    [7, 10, [7]],
    [12, 10, [6, 6]],
    [9, 4, [3, 3, 3]],
    [21, 10, [7, 7, 7]],
  ])("cuts %i items at most %i a piece into %j", (count, max, sizes) => {
    expect(chunk(Array.from({ length: count }, (_, i) => i), max).map((part) => part.length)).toEqual(sizes);
  });

  it.each([
    [10, 4, [4, 3, 3]],
    [13, 4, [4, 3, 3, 3]],
    [91, 10, [10, 9, 9, 9, 9, 9, 9, 9, 9, 9]],
  ])("cuts %i items at most %i a piece evenly into %j", (count, max, sizes) => {
    expect(chunk(Array.from({ length: count }, (_, i) => i), max).map((part) => part.length)).toEqual(sizes);
  });
});
