import { describe, expect, it } from "vitest";
import { headingRole, type HeadingRole } from "../../../src/stages/audit/heading-role.js";

describe("headingRole", () => {
  it.each([
    "Executive summary",
    "Executive Summary",
    "Summary",
    "Scope",
    "Out of scope",
    "Methodology",
    "Methodology (tools and approach)",
    "Zusammenfassung",
    "Résumé",
    "Resumen ejecutivo",
    "Positive observations",
    "Things that look fine",
    "Summary of findings",
    "Appendix: raw output",
    "📋 Executive summary",
    "1. Scope",
  ])("skips %j", (text) => {
    expect(headingRole(text, 2).kind).toBe("skip");
  });

  it.each<[string, HeadingRole]>([
    ["High", { kind: "group", values: { severity: "high" } }],
    ["High severity", { kind: "group", values: { severity: "high" } }],
    ["🔴 Critical", { kind: "group", values: { severity: "critical" } }],
    ["Low / Informational", { kind: "group", values: { severity: "low" } }],
    ["P1", { kind: "group", values: { severity: "high" } }],
    ["Medium findings", { kind: "group", values: { severity: "medium" } }],
    ["Findings", { kind: "group", values: {} }],
    ["Detailed findings", { kind: "group", values: {} }],
    ["2. Findings", { kind: "group", values: {} }],
    ["Critical & High", { kind: "group", values: {} }],
    ["Security", { kind: "group", values: { type: "security" } }],
    ["Security findings", { kind: "group", values: { type: "security" } }],
    ["Performance issues", { kind: "group", values: { type: "performance" } }],
    ["Code quality", { kind: "group", values: { type: "quality" } }],
    ["Documentation", { kind: "group", values: { type: "docs" } }],
    ["A01:2021 – Broken Access Control", { kind: "group", values: { type: "security" } }],
    ["A03:2021 - Injection", { kind: "group", values: { type: "security" } }],
  ])("reads %j as a group", (text, expected) => {
    expect(headingRole(text, 2)).toEqual(expected);
    expect(headingRole(text, 3)).toEqual(expected);
  });

  it.each<[string, HeadingRole]>([
    ["P0 — must fix before launch", { kind: "group", values: { severity: "critical" }, tentative: true }],
    ["High: fix this sprint", { kind: "group", values: { severity: "high" }, tentative: true }],
    ["🟡 Medium - worth doing soon-ish", { kind: "group", values: { severity: "medium" }, tentative: true }],
  ])("reads %j as a tentative group", (text, expected) => {
    expect(headingRole(text, 2)).toEqual(expected);
  });

  it.each<[string, number]>([
    ["Security audit of acme/api", 1],
    ["Security audit of acme/api", 2],
    ["Code review report — March", 1],
    ["Penetration test results for acme", 2],
  ])("reads %j at depth %i as the document", (text, depth) => {
    expect(headingRole(text, depth)).toEqual({ kind: "document" });
  });

  it.each<[string, number]>([
    ["Security audit of acme/api", 3],
    ["SQL injection in search", 1],
    ["SQL injection in search", 3],
    ["Missing rate limiting on webhook", 4],
    ["Billing service", 2],
  ])("reads %j at depth %i as generic", (text, depth) => {
    expect(headingRole(text, depth)).toEqual({ kind: "generic" });
  });

  // Suspected bug: SKIP matches any heading that merely starts with a skip word, so a finding titled
  // "Metrics endpoint exposed without auth" (or "Contact form …", "Background jobs …") is skipped and lost.
  it.each(["Metrics endpoint exposed without auth", "Background jobs run as root", "Scope creep in the importer", "Summary page leaks PII"])(
    "reads %s, which starts with a skip word, as a finding's heading",
    (title) => {
      expect(headingRole(title)).toEqual({ kind: "generic" });
    },
  );

  it.each(["Summary of findings", "Scope (in and out)", "Methodology and tools", "Appendix B – Tooling", "Conclusion: next steps"])(
    "still skips %s",
    (title) => {
      expect(headingRole(title, 2).kind).toBe("skip");
    },
  );

  it("defaults to depth 3, where a report title is a generic heading", () => {
    expect(headingRole("Security audit of acme/api")).toEqual({ kind: "generic" });
  });
});
