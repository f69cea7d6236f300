import { describe, expect, it } from "vitest";
import { stripTitleMarkers, type StrippedTitle } from "../../../src/stages/audit/strip-title-markers.js";

describe("stripTitleMarkers", () => {
  it("takes every marker off a fully decorated title, the first severity marker winning", () => {
    // The 🔴 emoji comes first, so it states the severity; [HIGH] and (P1) are only stripped.
    expect(stripTitleMarkers("🔴 [HIGH] F-03: SQL injection (P1)")).toEqual({ text: "SQL injection", severity: "critical" });
  });

  it.each<[string, StrippedTitle]>([
    ["1. SQL injection in search", { text: "SQL injection in search" }],
    ["F-01: Missing timeout on client", { text: "Missing timeout on client" }],
    ["H-1 Weak password hashing", { text: "Weak password hashing" }],
    ["C1 — Open redirect after login", { text: "Open redirect after login" }],
    ["SEC-001 Hardcoded API token", { text: "Hardcoded API token" }],
    ["SEC-001: Hardcoded API token", { text: "Hardcoded API token" }],
    ["Finding 3: Missing CSRF protection", { text: "Missing CSRF protection" }],
    ["#12 Unbounded cache", { text: "Unbounded cache" }],
    ["1.2.3 Nested numbering", { text: "Nested numbering" }],
  ])("takes the id off %j", (input, expected) => {
    expect(stripTitleMarkers(input)).toEqual(expected);
  });

  it.each<[string, StrippedTitle]>([
    ["P0 — Secrets committed to the repo", { text: "Secrets committed to the repo", severity: "critical" }],
    ["P1 Missing auth on admin routes", { text: "Missing auth on admin routes", severity: "high" }],
    ["CRITICAL: RCE in upload handler", { text: "RCE in upload handler", severity: "critical" }],
    ["sev2: Session never expires", { text: "Session never expires", severity: "high" }],
    ["🟡 Medium: Unbounded cache", { text: "Unbounded cache", severity: "medium" }],
    ["🟢 Verbose logging", { text: "Verbose logging", severity: "low" }],
    ["[Low] Typo in error message", { text: "Typo in error message", severity: "low" }],
  ])("reads and removes the leading severity of %j", (input, expected) => {
    expect(stripTitleMarkers(input)).toEqual(expected);
  });

  it.each<[string, StrippedTitle]>([
    ["Slow CSV export (High)", { text: "Slow CSV export", severity: "high" }],
    ["SSRF in the image proxy · Medium · CWE-918", { text: "SSRF in the image proxy", severity: "medium" }],
    ["Hardcoded signing key ⚠️ CRITICAL", { text: "Hardcoded signing key", severity: "critical" }],
    ["Stored XSS in comments (CWE-79)", { text: "Stored XSS in comments" }],
    ["Path traversal in export | High | OWASP A01:2021", { text: "Path traversal in export", severity: "high" }],
    ["Unpinned base image 🐳", { text: "Unpinned base image" }],
    ["Test coverage is low", { text: "Test coverage is low" }],
    ["High memory use in parser", { text: "High memory use in parser" }],
    ["Slow CSV export (high severity)", { text: "Slow CSV export", severity: "high" }],
    ["Missing index on orders - Medium", { text: "Missing index on orders", severity: "medium" }],
    ["Stale cache entries [P2]", { text: "Stale cache entries", severity: "medium" }],
  ])("reads and removes the trailing severity of %j", (input, expected) => {
    expect(stripTitleMarkers(input)).toEqual(expected);
  });

  it("reads a bracketed type tag", () => {
    expect(stripTitleMarkers("[Security] Weak TLS configuration")).toEqual({ text: "Weak TLS configuration", type: "security" });
  });

  it.each([
    "High memory use in cache",
    ".env file committed",
    "N+1 queries in list",
    "404 handler leaks paths",
    "Low test coverage in billing",
    "Info leak via error pages",
    "Critical section not locked",
    "[WIP] branch left behind",
  ])("keeps the words of %j", (input) => {
    expect(stripTitleMarkers(input)).toEqual({ text: input });
  });

  it("collapses whitespace and drops trailing punctuation", () => {
    expect(stripTitleMarkers("  F-02:   Missing   rate limiting.  ")).toEqual({ text: "Missing rate limiting" });
  });

  it("returns empty text when the title is only markers", () => {
    expect(stripTitleMarkers("🔴 [HIGH]")).toEqual({ text: "", severity: "critical" });
  });
});
