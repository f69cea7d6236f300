import { describe, expect, it } from "vitest";
import type { Severity } from "../../../src/stages/audit/finding.js";
import { readSeverity, SEVERITY_EMOJI, severityOfToken } from "../../../src/stages/audit/read-severity.js";

describe("readSeverity", () => {
  it.each<[string, Severity]>([
    ["Critical", "critical"],
    ["Crit", "critical"],
    ["Blocker", "critical"],
    ["High", "high"],
    ["HIGH", "high"],
    ["Major", "high"],
    ["Medium", "medium"],
    ["Med", "medium"],
    ["Moderate", "medium"],
    ["Low", "low"],
    ["Minor", "low"],
    ["Info", "low"],
    ["Informational", "low"],
    ["Nit", "low"],
    ["Trivial", "low"],
  ])("reads the word %j as %s", (text, expected) => {
    expect(readSeverity(text)).toBe(expected);
  });

  it.each<[string, Severity]>([
    ["P0", "critical"],
    ["P1", "high"],
    ["P2", "medium"],
    ["P3", "low"],
    ["P4", "low"],
    ["sev1", "critical"],
    ["Sev2", "high"],
    ["SEV3", "medium"],
    ["sev4", "low"],
  ])("reads the priority %j as %s", (text, expected) => {
    expect(readSeverity(text)).toBe(expected);
  });

  it.each<[string, Severity]>([
    ["🔴", "critical"],
    ["🟠", "high"],
    ["🟡", "medium"],
    ["🟢", "low"],
    ["🔵", "low"],
    ["🔴 Critical (CVSS 9.8)", "critical"],
    ["🟠 High", "high"],
  ])("reads the emoji in %j as %s", (text, expected) => {
    expect(readSeverity(text)).toBe(expected);
  });

  it.each<[string, Severity]>([
    ["  High  ", "high"],
    ["**High**", "high"],
    ["[Medium]", "medium"],
    ["(Low)", "low"],
    ["`P1`", "high"],
    ["High — exploitable remotely", "high"],
  ])("reads the first word of %j", (text, expected) => {
    expect(readSeverity(text)).toBe(expected);
  });

  it.each(["", "Unknown", "Highway", "Severe-ish", "9.8", "P5", "sev5", "Security", "The impact is high"])(
    "returns undefined for %j",
    (text) => {
      expect(readSeverity(text)).toBeUndefined();
    },
  );
});

describe("severityOfToken", () => {
  it.each<[string, Severity | undefined]>([
    ["CRITICAL", "critical"],
    ["p2", "medium"],
    ["🟠", "high"],
    ["info", "low"],
    ["highest", undefined],
    ["High:", undefined],
  ])("reads the token %j as %s", (token, expected) => {
    expect(severityOfToken(token)).toBe(expected);
  });

  it("exports the severity emoji", () => {
    expect(SEVERITY_EMOJI).toEqual(expect.arrayContaining(["🔴", "🟠", "🟡", "🟢", "🔵"]));
  });
});
