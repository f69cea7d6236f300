import { describe, expect, it } from "vitest";
import { namesParentAudit, parentAuditOf } from "../../src/model/parent-audit.js";

describe("parentAuditOf", () => {
  it("reads the audit from Factory's finding or framework marker first", () => {
    expect(parentAuditOf("Parent audit: #3\n\n<!-- factory:finding fp=abc audit=#12 -->")).toBe(12);
    expect(parentAuditOf("<!-- factory:framework fp=abc audit=#14 -->\n")).toBe(14);
  });

  it("reads a runbook's `Parent audit: #N` line, bold or not", () => {
    expect(parentAuditOf("Parent audit: #183\n\n## Finding\n\nNo rate limit.")).toBe(183);
    expect(parentAuditOf("**Parent audit:** #7")).toBe(7);
    expect(parentAuditOf("  parent audit #9")).toBe(9);
  });

  it("finds nothing elsewhere in a sentence, in an empty body, or for #0", () => {
    expect(parentAuditOf("See the parent audit: #5 mentioned above")).toBeUndefined();
    expect(parentAuditOf("")).toBeUndefined();
    expect(parentAuditOf(null)).toBeUndefined();
    expect(parentAuditOf("Parent audit: #0")).toBeUndefined();
  });
});

describe("namesParentAudit", () => {
  it("is true for a marker or a line, false otherwise", () => {
    expect(namesParentAudit("<!-- factory:finding fp=abc -->")).toBe(true);
    expect(namesParentAudit("Parent audit: #2")).toBe(true);
    expect(namesParentAudit("## Findings\n\n1. No rate limiting (high)")).toBe(false);
    expect(namesParentAudit("<!-- factory:reply comment=1 -->")).toBe(false);
  });
});
