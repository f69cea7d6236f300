import { describe, expect, it } from "vitest";
import { assignPhases, kindOf } from "../../../src/stages/epic/assign-phases.js";
import type { Candidate } from "../../../src/stages/epic/candidate.js";
import type { PhaseKind } from "../../../src/model/epic-document.js";
import { candidate, layout, shuffled } from "./make-candidate.js";

describe("kindOf", () => {
  it.each<[string, Partial<Candidate>, number[], PhaseKind]>([
    ["a framework issue", { framework: true, covers: [2] }, [], "blocking"],
    ["a framework-scoped issue", { scope: "framework" }, [], "blocking"],
    ["critical security", { type: "security", severity: "critical" }, [], "blocking"],
    ["an issue others depend on", {}, [1], "blocking"],
    ["a docs issue others depend on", { type: "docs" }, [1], "blocking"],
    ["high security", { type: "security", severity: "high" }, [], "parallel"],
    ["critical quality", { severity: "critical" }, [], "parallel"],
    ["docs", { type: "docs", title: "docs(readme): add setup steps" }, [], "cleanup"],
    ["a deprecation removal", { title: "Remove deprecated X" }, [], "cleanup"],
    ["dead code", { title: "quality(core): delete dead code in runner" }, [], "cleanup"],
    ["ordinary work", { title: "fix(api): handle nil pointers" }, [], "parallel"],
    ["a feature", { type: "feature", title: "feat(ui): dark mode" }, [], "parallel"],
  ])("puts %s in a %s phase", (_name, overrides, dependedOn, kind) => {
    expect(kindOf(candidate(1, overrides), new Set(dependedOn))).toBe(kind);
  });
});

describe("assignPhases", () => {
  it("lays a chain A ← B ← C out in three increasing phases", () => {
    const a = candidate(1);
    const b = candidate(2, { dependsOn: [1] });
    const c = candidate(3, { dependsOn: [2] });
    expect(layout(assignPhases([c, b, a]))).toEqual(["blocking:#1", "blocking:#2", "parallel:#3"]);
  });

  it("orders blocking, then parallel, then cleanup", () => {
    const phases = assignPhases([
      candidate(1, { type: "docs" }),
      candidate(2),
      candidate(3, { type: "security", severity: "critical" }),
      candidate(4, { title: "Remove deprecated flags" }),
    ]);
    expect(layout(phases)).toEqual(["blocking:#3", "parallel:#2", "cleanup:#1,#4"]);
  });

  it("puts two children naming the same file in different phases of the same kind", () => {
    const phases = assignPhases([
      candidate(1, { paths: ["internal/a.go"] }),
      candidate(2, { paths: ["internal/a.go", "internal/b.go"] }),
      candidate(3, { paths: ["internal/c.go"] }),
    ]);
    expect(layout(phases)).toEqual(["parallel:#1,#3", "parallel:#2"]);
  });

  it("keeps blockers that share a file apart, before the parallel work", () => {
    const phases = assignPhases([
      candidate(1, { framework: true, paths: ["pkg/db.go"] }),
      candidate(2, { type: "security", severity: "critical", paths: ["pkg/db.go"] }),
      candidate(3, { paths: ["pkg/db.go"] }),
    ]);
    expect(layout(phases)).toEqual(["blocking:#2", "blocking:#1", "parallel:#3"]);
  });

  it("promotes a docs child another depends on to a blocker, its dependent after it", () => {
    const phases = assignPhases([candidate(1, { type: "docs" }), candidate(2, { dependsOn: [1] })]);
    expect(layout(phases)).toEqual(["blocking:#1", "parallel:#2"]);
  });

  it("puts a cleanup child after what it depends on", () => {
    const phases = assignPhases([candidate(5, { type: "docs", dependsOn: [6] }), candidate(6), candidate(7)]);
    expect(layout(phases)).toEqual(["blocking:#6", "parallel:#7", "cleanup:#5"]);
  });

  it("never puts a child before what it depends on across kinds", () => {
    const phases = assignPhases([
      candidate(1, { framework: true }),
      candidate(2, { dependsOn: [1] }),
      candidate(3, { dependsOn: [1], title: "Remove the legacy client" }),
      candidate(4, { dependsOn: [2] }),
    ]);
    expect(layout(phases)).toEqual(["blocking:#1", "blocking:#2", "parallel:#4", "cleanup:#3"]);
  });

  it("ignores dependencies on issues outside the epic", () => {
    expect(layout(assignPhases([candidate(1, { dependsOn: [99] }), candidate(2)]))).toEqual(["parallel:#1,#2"]);
  });

  it("sorts the children of a phase by severity, then number", () => {
    const phases = assignPhases([
      candidate(5, { severity: "low" }),
      candidate(4, { severity: "high" }),
      candidate(1),
      candidate(3, { severity: "high" }),
      candidate(2, { severity: "critical" }),
    ]);
    expect(layout(phases)).toEqual(["parallel:#2,#3,#4,#1,#5"]);
  });

  it("gives the same phases whatever order the children come in", () => {
    const children = [
      candidate(1, { framework: true, paths: ["pkg/db.go"] }),
      candidate(2, { dependsOn: [1], paths: ["pkg/db.go"] }),
      candidate(3, { severity: "high", paths: ["pkg/api.go"] }),
      candidate(4, { severity: "high", paths: ["pkg/api.go"] }),
      candidate(5, { type: "docs" }),
      candidate(6, { type: "security", severity: "critical" }),
      candidate(7, { dependsOn: [6, 3] }),
      candidate(8, { severity: "low", title: "Remove deprecated flags" }),
    ];
    const expected = assignPhases(children);
    expect(layout(expected)).toEqual(["blocking:#6,#3,#1", "parallel:#4,#2,#7", "cleanup:#5,#8"]);
    for (const seed of [1, 2, 3, 42, 2026]) expect(assignPhases(shuffled(children, seed))).toEqual(expected);
    expect(assignPhases([...children].reverse())).toEqual(expected);
  });

  it("refuses children that form a cycle", () => {
    expect(() => assignPhases([candidate(1, { dependsOn: [2] }), candidate(2, { dependsOn: [1] })])).toThrow(/cycle among #1, #2/);
  });
});

describe("kindOf and cleanup words", () => {
  it("keeps a security fix that says remove out of cleanup, and still tidies quality work", () => {
    expect(kindOf(candidate(1, { type: "security", severity: "high", title: "security(auth): Remove hard-coded admin password" }), new Set())).toBe("parallel");
    expect(kindOf(candidate(2, { type: "quality", title: "quality(api): remove deprecated flags" }), new Set())).toBe("cleanup");
  });
});
