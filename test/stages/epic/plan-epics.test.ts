import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import type { Candidate, Theme } from "../../../src/stages/epic/candidate.js";
import { parseEpicBody } from "../../../src/model/parse-epic-body.js";
import { epicTitle, planEpics } from "../../../src/stages/epic/plan-epics.js";
import { CONFIG, NOW, candidate, candidates, layout, shuffled } from "./make-candidate.js";

const plan = (input: readonly Candidate[], config = CONFIG) => planEpics({ candidates: input, epics: [], config, now: NOW });

describe("planEpics: grouping", () => {
  it("leaves 2 candidates for direct dispatch, with no epic", () => {
    expect(plan([candidate(5), candidate(3)])).toEqual({ epics: [], extensions: [], direct: [3, 5], cycles: [] });
  });

  it.each([
    [4, ["epic(security): 4 security issues from audit #12"]],
    [7, ["epic(security): 7 security issues from audit #12"]],
  ])("makes one epic of %i candidates", (count, titles) => {
    const result = plan(candidates(1, count, { type: "security", audit: 12 }));
    expect(result.epics.map((epic) => epic.title)).toEqual(titles);
    expect(result.epics[0]?.children).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    expect(result.direct).toEqual([]);
  });

  it("splits 30 candidates into themed epics, security in two", () => {
    const mix: Array<[Candidate["type"], number]> = [["security", 12], ["quality", 7], ["performance", 4], ["testing", 5], ["docs", 2]];
    let next = 100;
    const input = mix.flatMap(([type, count]) => {
      const made = candidates(next, count, { type, audit: 12 });
      next += count;
      return made;
    });
    const result = plan(input);
    expect(result.epics.map((epic) => epic.title)).toEqual([
      "epic(security): 6 security issues from audit #12",
      "epic(security): 6 security issues from audit #12",
      "epic(quality): 7 quality issues from audit #12",
      "epic(performance): 6 issues from audit #12",
      "epic(testing): 5 testing issues from audit #12",
    ]);
    const all = result.epics.flatMap((epic) => epic.children).sort((a, b) => a - b);
    expect(all).toEqual(input.map((c) => c.number));
    expect(new Set(result.epics.map((epic) => epic.batch)).size).toBe(5);
  });

  it("splits 9 into 3, 3, 3 under maxChildren 4", () => {
    const result = plan(candidates(1, 9), configSchema.parse({ epics: { maxChildren: 4 } }));
    expect(result.epics.map((epic) => epic.children)).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  });
});

describe("planEpics: phases and cycles", () => {
  it("puts a framework issue first and makes the issues it covers depend on it", () => {
    const framework = candidate(40, { framework: true, covers: [41, 42, 43], audit: 12 });
    const result = plan([...candidates(41, 3, { type: "security", audit: 12 }), framework]);
    const [epic] = result.epics;
    expect(epic?.theme).toBe("security");
    expect(epic?.phases.map((phase) => [phase.number, phase.name])).toEqual([[1, "Foundations"], [2, "Implementation"]]);
    expect(layout(epic?.phases ?? [])).toEqual(["blocking:#40", "parallel:#41,#42,#43"]);
    const tickets = parseEpicBody(epic?.body ?? "").manifest?.tickets;
    expect(tickets?.map((ticket) => [ticket.issue, ticket.phase, ticket.dependsOn])).toEqual([
      [40, 1, []],
      [41, 2, [40]],
      [42, 2, [40]],
      [43, 2, [40]],
    ]);
  });

  it("puts a framework issue in the themed epic of the issues it covers", () => {
    const framework = candidate(20, { framework: true, covers: [1, 2, 3] });
    const result = plan([...candidates(1, 5, { type: "security" }), ...candidates(6, 4, { type: "testing" }), framework]);
    expect(result.epics.map((epic) => [epic.theme, epic.children])).toEqual([
      ["security", [20, 1, 2, 3, 4, 5]],
      ["testing", [6, 7, 8, 9]],
    ]);
  });

  it("names repeated kinds `Implementation 2`", () => {
    const result = plan([candidate(1, { paths: ["a.go"] }), candidate(2, { paths: ["a.go"] }), candidate(3)]);
    expect(result.epics[0]?.phases.map((phase) => `${phase.number} ${phase.name}`)).toEqual(["1 Implementation", "2 Implementation 2"]);
  });

  it("reports a cycle and keeps its members out of every epic", () => {
    const result = plan([candidate(7, { dependsOn: [8] }), candidate(8, { dependsOn: [7] }), ...candidates(1, 3)]);
    expect(result.cycles).toEqual([[7, 8]]);
    expect(result.epics.map((epic) => epic.children)).toEqual([[1, 2, 3]]);
    expect(result.direct).toEqual([]);
  });

  it("reports a cycle that runs through a framework issue's implicit dependency", () => {
    const result = plan([candidate(10, { framework: true, covers: [11], dependsOn: [11] }), candidate(11), candidate(12)]);
    expect(result.cycles).toEqual([[10, 11]]);
    expect(result.direct).toEqual([12]);
  });
});

describe("planEpics: determinism and size", () => {
  const input = [
    ...candidates(1, 5, { type: "security", audit: 12 }),
    candidate(6, { type: "security", severity: "critical", paths: ["pkg/db.go"] }),
    candidate(7, { type: "security", paths: ["pkg/db.go"], dependsOn: [2] }),
    ...candidates(8, 4, { type: "docs" }),
    candidate(12, { framework: true, covers: [8, 9] }),
    candidate(13, { dependsOn: [14] }),
    candidate(14, { dependsOn: [13] }),
  ];

  it("gives identical output for the same input, in any order", () => {
    const first = plan(input);
    expect(plan(input)).toEqual(first);
    for (const seed of [7, 99, 2026]) expect(plan(shuffled(input, seed))).toEqual(first);
    expect(first.epics.map((epic) => epic.theme)).toEqual(["security", "docs"]);
    for (const epic of first.epics) expect(epic.batch).toMatch(/^b-[0-9a-f]{16}$/);
    expect(first.epics[0]?.batch).not.toBe(first.epics[1]?.batch);
  });

  it("splits an epic whose body would pass maxBodyChars, each part under the limit", () => {
    const config = configSchema.parse({ epics: { maxBodyChars: 4000 } });
    const long = candidates(1, 8).map((c) => ({ ...c, title: `fix(core): ${"a rather long title ".repeat(15)}${c.number}` }));
    expect(plan(long).epics.map((epic) => epic.children)).toEqual([[1, 2, 3, 4, 5, 6, 7, 8]]);
    const result = plan(long, config);
    expect(result.epics.map((epic) => epic.children)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
    for (const epic of result.epics) expect(epic.body.length).toBeLessThanOrEqual(4000);
  });

  it("refuses a maxBodyChars too small for any epic body", () => {
    expect(configSchema.safeParse({ epics: { maxBodyChars: 1000 } }).success).toBe(false);
  });
});

describe("epicTitle", () => {
  const sec = (n: number, audit?: number) => candidate(n, { type: "security", ...(audit ? { audit } : {}) });
  it.each<[string, Theme, Candidate[], string]>([
    ["one audit", "security", [sec(1, 12), sec(2, 12), sec(3, 12), sec(4, 12)], "epic(security): 4 security issues from audit #12"],
    ["several audits", "security", [sec(1, 12), sec(2, 3), sec(3)], "epic(security): 3 security issues from audits #3, #12"],
    ["no audit", "docs", candidates(1, 3, { type: "docs" }), "epic(docs): 3 docs issues"],
    ["children of other types", "security", [sec(1), sec(2), candidate(3)], "epic(security): 3 issues"],
    ["a mixed epic", "mixed", candidates(1, 5), "epic(mixed): 5 issues"],
    ["one child", "testing", [candidate(1, { type: "testing" })], "epic(testing): 1 testing issue"],
  ])("titles an epic with %s", (_name, theme, children, title) => {
    expect(epicTitle({ theme, children })).toBe(title);
  });
});
