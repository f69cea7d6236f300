import { describe, expect, it } from "vitest";
import { hasRole, toRole } from "../../src/model/permission.js";

describe("permission", () => {
  it.each([
    [{ permission: "admin", role_name: "admin" }, "admin"],
    [{ permission: "write", role_name: "maintain" }, "maintain"],
    [{ permission: "read", role_name: "triage" }, "triage"],
    [{ permission: "write", role_name: "custom-role" }, "write"],
    [{ permission: "none", role_name: null }, "none"],
    [{}, "none"],
  ] as const)("normalises %j to %s", (answer, role) => {
    expect(toRole(answer)).toBe(role);
  });

  it.each([
    ["admin", "write", true],
    ["write", "write", true],
    ["triage", "write", false],
    ["read", "read", true],
    ["none", "read", false],
    ["maintain", "admin", false],
  ] as const)("%s meets %s: %s", (role, required, expected) => {
    expect(hasRole(role, required)).toBe(expected);
  });
});
