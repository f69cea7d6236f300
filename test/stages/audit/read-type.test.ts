import { describe, expect, it } from "vitest";
import type { FindingType } from "../../../src/stages/audit/finding.js";
import { readType } from "../../../src/stages/audit/read-type.js";

describe("readType", () => {
  it.each<[string, FindingType]>([
    ["Security", "security"],
    ["security", "security"],
    ["Vulnerability", "security"],
    ["Authentication", "security"],
    ["Secrets", "security"],
    ["OWASP", "security"],
    ["🔒 Security", "security"],
    ["A03:2021 – Injection", "security"],
    ["A01:2021 - Broken Access Control", "security"],
    ["A7 Identification failures", "security"],
    ["Performance", "performance"],
    ["Performance / memory", "performance"],
    ["perf", "performance"],
    ["Latency", "performance"],
    ["Testing", "testing"],
    ["Tests", "testing"],
    ["Test coverage", "testing"],
    ["QA", "testing"],
    ["Docs", "docs"],
    ["Documentation", "docs"],
    ["Code quality", "quality"],
    ["Code-quality", "quality"],
    ["Quality", "quality"],
    ["Maintainability", "quality"],
    ["Error handling", "quality"],
    ["Architecture", "quality"],
  ])("reads %j as %s", (text, expected) => {
    expect(readType(text)).toBe(expected);
  });

  it.each(["", "Unknown", "Feature", "Securityish", "Documents", "Testable API", "High", "SQL injection"])(
    "returns undefined for %j",
    (text) => {
      expect(readType(text)).toBeUndefined();
    },
  );

  it("reads only the start of the text", () => {
    expect(readType("Missing tests for security code")).toBeUndefined();
    expect(readType("Security: missing tests")).toBe("security");
  });
});
