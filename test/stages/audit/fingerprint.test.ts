import { describe, expect, it } from "vitest";
import type { Location } from "../../../src/stages/audit/finding.js";
import { fingerprint, hashOf, normaliseWords } from "../../../src/stages/audit/fingerprint.js";

const base = {
  summary: "SQL injection in search handler",
  locations: [{ path: "internal/api/search.go", line: 42 }, { path: "internal/db/query.go" }] as Location[],
};
const original = fingerprint(base);

describe("fingerprint", () => {
  it("is 16 lower-case hex characters", () => {
    expect(original).toMatch(/^[0-9a-f]{16}$/);
  });

  it("is the same for the same input", () => {
    expect(fingerprint({ summary: base.summary, locations: [...base.locations] })).toBe(original);
  });

  it.each<[string, { summary: string; locations: Location[] }]>([
    ["case", { ...base, summary: "sql INJECTION In Search Handler" }],
    ["whitespace", { ...base, summary: "  SQL   injection\n in search\thandler " }],
    ["punctuation", { ...base, summary: "SQL injection — in `search` handler!" }],
    ["zero-width characters", { ...base, summary: "SQL inj\u200bection in search handler" }],
    ["line numbers", { ...base, locations: [{ path: "internal/api/search.go", line: 57 }, { path: "internal/db/query.go", line: 3 }] }],
    ["location order", { ...base, locations: [{ path: "internal/db/query.go" }, { path: "internal/api/search.go", line: 42 }] }],
    ["path case", { ...base, locations: [{ path: "Internal/API/search.go", line: 42 }, { path: "internal/db/query.go" }] }],
    [
      "a repeated path",
      { ...base, locations: [...base.locations, { path: "internal/api/search.go", line: 90 }] },
    ],
  ])("ignores a change of %s", (_name, changed) => {
    expect(fingerprint(changed)).toBe(original);
  });

  it.each<[string, { summary: string; locations: Location[] }]>([
    ["the description", { ...base, summary: "SQL injection in login handler" }],
    ["an extra word", { ...base, summary: "Blind SQL injection in search handler" }],
    ["a file removed", { ...base, locations: [{ path: "internal/api/search.go", line: 42 }] }],
    ["a file added", { ...base, locations: [...base.locations, { path: "internal/db/conn.go" }] }],
    ["a file renamed", { ...base, locations: [{ path: "internal/api/find.go", line: 42 }, { path: "internal/db/query.go" }] }],
    ["no files", { ...base, locations: [] }],
  ])("changes when %s changes", (_name, changed) => {
    const other = fingerprint(changed);
    expect(other).toMatch(/^[0-9a-f]{16}$/);
    expect(other).not.toBe(original);
  });
});

describe("normaliseWords", () => {
  it.each<[string, string]>([
    ["SQL  Injection!", "sql injection"],
    ["  `res.json()` — leaks  ", "res json leaks"],
    ["Ｆｕｌｌ width", "full width"],
    ["a\u200bb", "ab"],
    ["Über-Prüfung", "über prüfung"],
  ])("normalises %j to %j", (input, expected) => {
    expect(normaliseWords(input)).toBe(expected);
  });
});

describe("hashOf", () => {
  it("is 16 hex characters and depends on order and content", () => {
    const ab = hashOf(["a", "b"]);
    expect(ab).toMatch(/^[0-9a-f]{16}$/);
    expect(hashOf(["a", "b"])).toBe(ab);
    expect(hashOf(["b", "a"])).not.toBe(ab);
    expect(hashOf(["a b"])).not.toBe(ab);
  });
});
