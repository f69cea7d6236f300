import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readHandMadeEpic, type HandMadeEpic } from "../../../src/stages/epic/read-hand-made-epic.js";
import { renderEpicBody } from "../../../src/model/render-epic-body.js";

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/epics/${name}`, import.meta.url), "utf8");

/** Phases as `name (kind): #N #M` with `x` after ticked children, for compact tables. */
const layout = (epic: HandMadeEpic) =>
  epic.phases.map((phase) => `${phase.number} ${phase.name} (${phase.kind}): ${phase.children.map((c) => `#${c.number}${c.checked ? "x" : ""}`).join(" ")}`);
const unread = (epic: HandMadeEpic) => epic.unread.map((line) => `${line.line}: ${line.text}`);

describe("readHandMadeEpic reads the runbook's epics", () => {
  it.each<[string, { layout: HandMadeEpic["layout"]; phases: string[]; duplicates: number[]; unread: string[] }]>([
    [
      "three-phases.md",
      {
        layout: "phases",
        phases: ["1 Interface (blocking): #12 #13", "2 Migrations (parallel): #14 #15x #16", "3 Tidy up (cleanup): #17"],
        duplicates: [14],
        unread: ["20: - [ ] write the migration guide", "29: - [ ] Tracked with acme/other#5 for the SDK side"],
      },
    ],
    [
      "flat-checklist.md",
      {
        layout: "checklist",
        phases: ["1 all (parallel): #21 #22 #23x #24"],
        duplicates: [],
        unread: ["8: - [ ] Fix the flaky timeout test (#25)"],
      },
    ],
    [
      "category-sections.md",
      {
        layout: "categories",
        phases: ["1 Security (parallel): #36 #37 #38", "2 Quality (parallel): #41 #42", "3 Ops cleanup (cleanup): #45"],
        duplicates: [36],
        unread: [],
      },
    ],
  ])("%s", (name, expected) => {
    const epic = readHandMadeEpic(fixture(name));
    expect({ layout: epic.layout, phases: layout(epic), duplicates: epic.duplicates, unread: unread(epic) }).toEqual(expected);
  });

  it("keeps the maintainer's text before the children as the overview, without the Overview and Child Issues headings", () => {
    expect(readHandMadeEpic(fixture("three-phases.md")).overview).toBe(
      [
        "Move every service onto the shared `Medium` interface so files, S3 and",
        "in-memory stores are one thing. Agents pick up each phase in turn; the",
        "interface lands first.",
        "",
        "See the design note in #3 before starting.",
      ].join("\n"),
    );
    expect(readHandMadeEpic(fixture("flat-checklist.md")).overview).toBe(
      "Quick fixes found while reviewing the release branch. None depends on\nanother, so they can all go out together.",
    );
    expect(readHandMadeEpic(fixture("category-sections.md")).overview).toMatch(/^# Audit follow-up for acme\/api\n\nEverything the March audits .* these are the fixes\.$/s);
  });

  it("takes children's titles as written, and reads a child line without a title", () => {
    const [phase] = readHandMadeEpic(fixture("flat-checklist.md")).phases;
    expect(phase?.children.map((c) => c.title)).toEqual(["fix(api): return 404 for unknown routes", "fix(api): trim whitespace in query parameters", "fix(cli): exit non-zero on failed uploads", ""]);
  });

  it("says why each unread line was not read", () => {
    const reasons = readHandMadeEpic(fixture("three-phases.md")).unread.map((line) => line.reason);
    expect(reasons).toEqual(["it does not start with an issue number like `#12`", "only lines starting with `#12` (an issue of this repository) are read"]);
  });

  it("reads CRLF bodies exactly like LF ones", () => {
    for (const name of ["three-phases.md", "flat-checklist.md", "category-sections.md"]) {
      expect(readHandMadeEpic(fixture(name).replace(/\n/g, "\r\n"))).toEqual(readHandMadeEpic(fixture(name)));
    }
  });
});

describe("readHandMadeEpic on the edges", () => {
  it.each<[string, string, string[], string[]]>([
    ["a phase heading without a kind, named as blockers", "### Phase 1: Blockers\n- [ ] #1\n\n### Phase 2: The rest\n- [ ] #2\n", ["1 Blockers (blocking): #1", "2 The rest (parallel): #2"], []],
    ["`parallel`, `parallelizable` and an unknown word in parentheses", "## Phase 1: A (parallel)\n- [ ] #1\n## Phase 2: B (parallelizable)\n- [ ] #2\n## Phase 3: C (optional)\n- [ ] #3\n", ["1 A (parallel): #1", "2 B (parallel): #2", "3 C (optional) (parallel): #3"], []],
    ["a kind alone after the number", "### Phase 1 (cleanup)\n- [ ] #1\n", ["1 cleanup (cleanup): #1"], []],
    ["a child without its box under a phase, and `*` bullets", "### Phase 1: A (blocking)\n* #1 - first\n* [x] #2: second\n", ["1 A (blocking): #1 #2x"], []],
    ["a note heading inside a phase does not end it", "### Phase 1: A (blocking)\n- [ ] #1\n#### Notes\n- [ ] #2\n### Phase 2: B (cleanup)\n- [ ] #3\n", ["1 A (blocking): #1 #2", "2 B (cleanup): #3"], []],
    ["children outside every phase are reported, not guessed into one", "- [ ] #9\n\n### Phase 1: A (blocking)\n- [ ] #1\n", ["1 A (blocking): #1"], ["1: - [ ] #9"]],
    ["a checklist without boxes is not read as children", "- #1 - first\n- #2 - second\n", [], ["1: - #1 - first", "2: - #2 - second"]],
    ["links and other repositories' issues are not children", "- [ ] https://github.com/acme/api/issues/4\n- [ ] acme/web#5\n- [ ] #6\n", ["1 all (parallel): #6"], ["1: - [ ] https://github.com/acme/api/issues/4", "2: - [ ] acme/web#5"]],
    ["numbers GitHub cannot have", "### Phase 1: A (blocking)\n- [ ] #0\n- [ ] #99999999999\n- [ ] #7\n", ["1 A (blocking): #7"], ["2: - [ ] #0", "3: - [ ] #99999999999"]],
    ["task lines with no reference are acceptance criteria, not children", "- [ ] #1\n\n## Acceptance\n\n- [ ] it works\n- [x] CI passes\n", ["1 all (parallel): #1"], []],
    ["children in code blocks and quotes are not read", "```\n- [ ] #1\n```\n\n> - [ ] #2\n\n- [ ] #3\n", ["1 all (parallel): #3"], []],
    ["category sections next to children before any heading", "- [ ] #1\n\n## Testing\n- [ ] #2\n\n## Blocking work\n- [ ] #3\n", ["1 Unsorted (parallel): #1", "2 Testing (parallel): #2", "3 Blocking work (blocking): #3"], []],
    ["no children at all", "Just some thoughts about #4.\n\n- [ ] think harder\n", [], []],
  ])("%s", (_name, body, phases, lines) => {
    const epic = readHandMadeEpic(body);
    expect(layout(epic)).toEqual(phases);
    expect(unread(epic)).toEqual(lines);
  });

  it("reads the layout `none` when no child is there", () => {
    expect(readHandMadeEpic("Nothing here yet.").layout).toBe("none");
    expect(readHandMadeEpic("").phases).toEqual([]);
  });

  it("reads Factory's own epic body back to the same phases and overview, so adopting twice writes the same body", () => {
    const body = renderEpicBody({
      theme: "adopted",
      slug: "medium",
      overview: "Move every service onto Medium.\n\nSee #3.",
      phases: [
        { number: 1, name: "Interface", kind: "blocking", children: [{ number: 12, title: "add Medium", checked: false }] },
        { number: 2, name: "Migrations", kind: "parallel", children: [{ number: 14, title: "settings", checked: true }] },
      ],
      manifest: { batch: "b-1", created: "2026-01-01T00:00:00.000Z", theme: "adopted", config: {}, tickets: [] },
    });
    const epic = readHandMadeEpic(body);
    expect(epic.overview).toBe("Move every service onto Medium.\n\nSee #3.");
    expect(layout(epic)).toEqual(["1 Interface (blocking): #12", "2 Migrations (parallel): #14x"]);
    expect(epic.unread).toEqual([]);
  });
});
