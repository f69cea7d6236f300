import { describe, expect, it } from "vitest";
import { matchFindings, scoreFixture, similarity, tokens } from "../../../scripts/score-audits.js";

describe("score-audits matching", () => {
  it("normalises titles to lower-case letter and digit tokens", () => {
    expect([...tokens("Rate-limit bypass via `X-Forwarded-For` (CWE-348)")]).toEqual(["rate", "limit", "bypass", "via", "x", "forwarded", "for", "cwe", "348"]);
  });

  it("measures overlap against the longer title", () => {
    expect(similarity("Missing CSRF token", "missing csrf token")).toBe(1);
    expect(similarity("Missing CSRF token", "CSRF token missing on logout route")).toBe(0.5);
    expect(similarity("L1", "Session cookie lacks Secure flag")).toBe(0);
  });

  it("pairs greedily, best first, each side once", () => {
    const expected = [{ title: "SQL injection in search" }, { title: "Open redirect after login" }, { title: "No tests for billing" }];
    const parsed = [{ title: "Open redirect after login page" }, { title: "SQL injection in search endpoint" }, { title: "SQL injection in search" }];
    expect(matchFindings(expected, parsed)).toEqual([
      [0, 2],
      [1, 0],
    ]);
  });

  it("scores severity only where stated, and paths only where expected", () => {
    const score = scoreFixture(
      "tiny",
      [
        { title: "Hard-coded API key", severity: "critical", type: "security", paths: ["src/config.ts"] },
        { title: "Slow dashboard query", severity: null, type: "performance", paths: [] },
      ],
      [
        { title: "Hard-coded API key", severity: "high", type: "security", paths: ["src/config.ts", "README.md"] },
        { title: "Slow dashboard query", severity: "medium", type: "quality", paths: [] },
        { title: "Something else entirely", severity: "low", type: "docs", paths: [] },
      ],
    );
    expect(score).toMatchObject({
      expected: 2,
      parsed: 3,
      exact: false,
      matched: 2,
      severity: { equal: 0, total: 1 },
      type: { equal: 1, total: 2 },
      paths: { ok: 1, total: 1 },
    });
  });
});
