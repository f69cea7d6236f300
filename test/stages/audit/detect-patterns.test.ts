import { describe, expect, it } from "vitest";
import { detectPatterns } from "../../../src/stages/audit/detect-patterns.js";
import type { Finding } from "../../../src/stages/audit/finding.js";
import { hashOf } from "../../../src/stages/audit/fingerprint.js";

/** A classified finding with only the fields that matter here set apart. */
function finding(fields: Partial<Finding> & Pick<Finding, "fingerprint" | "component">): Finding {
  return {
    title: `quality(${fields.component}): something`,
    summary: "something",
    severity: "medium",
    type: "quality",
    scope: "single-file",
    complexity: "small",
    locations: [{ path: `${fields.component}/x.go`, line: 1 }],
    details: "",
    acceptance: [],
    ...fields,
  };
}

describe("detectPatterns", () => {
  it("finds one pattern for three findings with the same fix kind in three packages", () => {
    const findings = [
      finding({ fingerprint: "fp-a", component: "api", fixKind: "rate-limiting", type: "security", severity: "medium" }),
      finding({ fingerprint: "fp-other", component: "api", type: "docs" }),
      finding({ fingerprint: "fp-b", component: "web", fixKind: "rate-limiting", type: "performance", severity: "critical" }),
      finding({ fingerprint: "fp-c", component: "billing", fixKind: "rate-limiting", type: "security", severity: "low" }),
    ];
    expect(detectPatterns(findings)).toEqual([
      {
        fixKind: "rate-limiting",
        type: "security",
        severity: "critical",
        members: ["fp-a", "fp-b", "fp-c"],
        components: ["api", "billing", "web"],
        fingerprint: hashOf(["framework", "rate-limiting"]),
      },
    ]);
  });

  it("counts every member, even two in one package, once three packages are covered", () => {
    const findings = [
      finding({ fingerprint: "1", component: "api", fixKind: "timeouts", severity: "low" }),
      finding({ fingerprint: "2", component: "api", fixKind: "timeouts", severity: "high" }),
      finding({ fingerprint: "3", component: "web", fixKind: "timeouts", type: "performance" }),
      finding({ fingerprint: "4", component: "cli", fixKind: "timeouts", type: "performance" }),
      finding({ fingerprint: "5", component: "cli", fixKind: "timeouts", type: "performance" }),
    ];
    const [pattern, ...rest] = detectPatterns(findings);
    expect(rest).toEqual([]);
    expect(pattern).toMatchObject({
      fixKind: "timeouts",
      type: "performance",
      severity: "high",
      members: ["1", "2", "3", "4", "5"],
      components: ["api", "cli", "web"],
    });
  });

  it.each<[string, Finding[]]>([
    [
      "three findings in two packages",
      [
        finding({ fingerprint: "a", component: "api", fixKind: "retries" }),
        finding({ fingerprint: "b", component: "api", fixKind: "retries" }),
        finding({ fingerprint: "c", component: "web", fixKind: "retries" }),
      ],
    ],
    [
      "two findings",
      [finding({ fingerprint: "a", component: "api", fixKind: "retries" }), finding({ fingerprint: "b", component: "web", fixKind: "retries" })],
    ],
    [
      "three findings without a fix kind",
      [finding({ fingerprint: "a", component: "api" }), finding({ fingerprint: "b", component: "web" }), finding({ fingerprint: "c", component: "cli" })],
    ],
    [
      "three different fix kinds",
      [
        finding({ fingerprint: "a", component: "api", fixKind: "retries" }),
        finding({ fingerprint: "b", component: "web", fixKind: "timeouts" }),
        finding({ fingerprint: "c", component: "cli", fixKind: "pagination" }),
      ],
    ],
    ["no findings", []],
  ])("finds none for %s", (_name, findings) => {
    expect(detectPatterns(findings)).toEqual([]);
  });

  it("ignores findings without a fix kind when counting", () => {
    const findings = [
      finding({ fingerprint: "a", component: "api", fixKind: "pagination" }),
      finding({ fingerprint: "b", component: "web", fixKind: "pagination" }),
      finding({ fingerprint: "c", component: "cli" }),
    ];
    expect(detectPatterns(findings)).toEqual([]);
  });

  it("keeps separate patterns per fix kind, in order of first appearance", () => {
    const kinds = ["input-validation", "retries"] as const;
    const findings = ["api", "web", "cli"].flatMap((component, i) =>
      kinds.map((fixKind) => finding({ fingerprint: `${fixKind}-${i}`, component, fixKind })),
    );
    expect(detectPatterns(findings).map((p) => [p.fixKind, p.members])).toEqual([
      ["input-validation", ["input-validation-0", "input-validation-1", "input-validation-2"]],
      ["retries", ["retries-0", "retries-1", "retries-2"]],
    ]);
  });

  it("breaks a tie between types by first appearance", () => {
    const findings = [
      finding({ fingerprint: "a", component: "api", fixKind: "retries", type: "performance" }),
      finding({ fingerprint: "b", component: "web", fixKind: "retries", type: "security" }),
      finding({ fingerprint: "c", component: "cli", fixKind: "retries", type: "quality" }),
    ];
    expect(detectPatterns(findings)[0]?.type).toBe("performance");
  });

  it("honours a different minimum number of packages", () => {
    const findings = [
      finding({ fingerprint: "a", component: "api", fixKind: "retries" }),
      finding({ fingerprint: "b", component: "web", fixKind: "retries" }),
    ];
    expect(detectPatterns(findings, 2).map((p) => p.members)).toEqual([["a", "b"]]);
  });

  it("gives a fingerprint that depends on the fix kind only, so re-runs find the same framework issue", () => {
    const make = (prefix: string, components: string[]) =>
      components.map((component, i) => finding({ fingerprint: `${prefix}${i}`, component, fixKind: "retries" }));
    const first = detectPatterns(make("x", ["api", "web", "cli"]))[0]?.fingerprint;
    const again = detectPatterns(make("x", ["api", "web", "cli"]))[0]?.fingerprint;
    const reordered = detectPatterns(make("y", ["cli", "api", "web", "db"]))[0]?.fingerprint;
    const other = detectPatterns(make("x", ["api", "web", "cli"]).map((f) => ({ ...f, fixKind: "timeouts" })))[0]?.fingerprint;
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(again).toBe(first);
    expect(reordered).toBe(first);
    expect(other).toMatch(/^[0-9a-f]{16}$/);
    expect(other).not.toBe(first);
  });
});
