import { describe, expect, it } from "vitest";
import { readCandidate, type IssueFacts } from "../../../src/stages/epic/read-candidate.js";

function issue(overrides: Partial<IssueFacts> = {}): IssueFacts {
  return { number: 20, title: "fix(api): handle nil pointers", body: "", labels: [], ...overrides };
}

describe("readCandidate: signals", () => {
  it("reads a finding marker, with the audit number", () => {
    const body = "<!-- factory:finding fp=abc audit=#12 -->\n\nThe search handler concatenates input.";
    expect(readCandidate(issue({ title: "SQL injection in search", body }))).toEqual({
      number: 20,
      title: "SQL injection in search",
      type: "quality",
      severity: "medium",
      complexity: "medium",
      scope: "package",
      paths: [],
      dependsOn: [],
      framework: false,
      covers: [],
      audit: 12,
    });
  });

  it("reads a framework marker and the issues it covers, stopping at the next heading", () => {
    const body = [
      "<!-- factory:framework audit=#12 -->",
      "",
      "## Covers",
      "",
      "- [ ] #13 SQL injection in search",
      "- [x] #14 SQL injection in export",
      "- [ ] not an issue",
      "",
      "## Notes",
      "",
      "- [ ] #99 mentioned elsewhere",
    ].join("\n");
    const read = readCandidate(issue({ title: "Use parameterised queries everywhere", body }));
    expect(read).toMatchObject({ framework: true, covers: [13, 14], scope: "framework", audit: 12 });
  });

  it("reads type, severity, complexity and scope labels (case-insensitively)", () => {
    const labels = ["Type:Security", "severity:critical", "complexity:large", "scope:single-file", "bug"];
    expect(readCandidate(issue({ title: "Plain title", labels }))).toMatchObject({
      type: "security",
      severity: "critical",
      complexity: "large",
      scope: "single-file",
    });
  });

  it("ignores label values it does not know", () => {
    const read = readCandidate(issue({ title: "feat(ui): dark mode", labels: ["severity:urgent", "complexity:huge", "scope:repo"] }));
    expect(read).toMatchObject({ type: "feature", severity: "medium", complexity: "medium", scope: "package" });
  });

  it.each([
    ["feat(ui): dark mode", "feature"],
    ["security(auth): weak hashing", "security"],
    ["perf(db): slow listing query", "performance"],
    ["performance(db): slow listing query", "performance"],
    ["test(api): cover the search handler", "testing"],
    ["docs(readme): add setup steps", "docs"],
    ["refactor(core): split the runner", "quality"],
    ["fix(api)!: reject empty ids", "quality"],
    ["FEAT(UI): shout", "feature"],
  ])("reads the type of %j from the title", (title, type) => {
    expect(readCandidate(issue({ title }))?.type).toBe(type);
  });

  it("prefers a type label over the title", () => {
    expect(readCandidate(issue({ title: "feat(ui): dark mode", labels: ["type:docs"] }))?.type).toBe("docs");
  });

  it.each([
    ["a plain issue", { title: "Something is odd", body: "Please look at it." }],
    ["only a severity label", { title: "Something is odd", labels: ["severity:high", "bug"] }],
    ["a marker of another kind", { title: "Something is odd", body: "<!-- factory:reply comment=1 -->" }],
    ["a title pattern with an unknown type", { title: "chore(ci): bump node" }],
  ])("returns undefined for %s", (_name, overrides) => {
    expect(readCandidate(issue(overrides))).toBeUndefined();
  });
});

describe("readCandidate: dependencies", () => {
  it.each([
    ["Depends on #4", [4]],
    ["Blocked by #5, #6", [5, 6]],
    ["depends on: #7 and #8", [7, 8]],
    ["Requires #3 & #2", [2, 3]],
    ["- Depends on #11\n- Blocked by #10", [10, 11]],
    ["## Blocked by #9", [9]],
    ["Depends on #4\n\nDepends on #4 again", [4]],
    ["This mentions #4 but depends on nothing", []],
    ["```\nDepends on #5\n```", []],
    ["> Blocked by #6", []],
    ["Context.\n\n```md\nBlocked by #5, #6\n```\n\n> depends on #7\n\nDepends on #8", [8]],
    ["Depends on #20 and #21", [21]],
  ])("reads %j as %j", (body, dependsOn) => {
    expect(readCandidate(issue({ body }))?.dependsOn).toEqual(dependsOn);
  });

  it("merges GitHub's blocked-by numbers, sorted and without repeats", () => {
    const read = readCandidate(issue({ body: "Depends on #4, #5", blockedBy: [5, 3, 20] }));
    expect(read?.dependsOn).toEqual([3, 4, 5]);
  });

  it("reads the last number of an Oxford-comma list", () => {
    expect(readCandidate(issue({ body: "Depends on #7, #8, and #9" }))?.dependsOn).toEqual([7, 8, 9]);
  });
});

describe("readCandidate: paths", () => {
  it("reads file locations, sorted and without repeats, never from fenced code", () => {
    const body = [
      "Found in `internal/x/y.go:10` and again at `internal/x/y.go:22`.",
      "",
      "Also see `pkg/auth/token.go`.",
      "",
      "```go",
      "// see internal/other/z.go:5",
      "```",
    ].join("\n");
    expect(readCandidate(issue({ body }))?.paths).toEqual(["internal/x/y.go", "pkg/auth/token.go"]);
  });

  it("reads CRLF bodies like LF ones", () => {
    const body = "Depends on #4\r\n\r\nIn `internal/x/y.go:10`\r\n";
    expect(readCandidate(issue({ body }))).toMatchObject({ dependsOn: [4], paths: ["internal/x/y.go"] });
  });
});
