import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../../src/model/ledger-entry.js";
import { releaseOf, unreleasedAttempt } from "../../../src/stages/dispatch/unreleased-attempt.js";

const attempt = (repo: string, issue: number, n: number): LedgerEntry => ({
  v: 1,
  kind: "dispatch",
  key: `${repo}#${issue}:${n}`,
  time: "2026-12-06T10:00:00Z",
  repo,
  issue,
  agent: "jules",
  member: "mona",
  delivery: "d",
});

describe("unreleasedAttempt", () => {
  const entries = [attempt("acme/api", 3, 1), attempt("acme/web", 3, 1), attempt("acme/api", 3, 2), attempt("acme/api", 4, 1)];

  it("is the child's last attempt in its repository (names compared as GitHub does, without case)", () => {
    expect(unreleasedAttempt({ entries, released: new Set(), repo: "Acme/API", issue: 3 })?.key).toBe("acme/api#3:2");
  });

  it("is nothing once that last attempt is released, even when an earlier one was not", () => {
    expect(unreleasedAttempt({ entries, released: new Set(["acme/api#3:2"]), repo: "acme/api", issue: 3 })).toBeUndefined();
    expect(unreleasedAttempt({ entries, released: new Set(["acme/api#3:1"]), repo: "acme/api", issue: 3 })?.key).toBe("acme/api#3:2");
  });

  it("is nothing for a child never dispatched", () => {
    expect(unreleasedAttempt({ entries, released: new Set(), repo: "acme/api", issue: 9 })).toBeUndefined();
  });

  it("is freed by a release line naming its key, repository and issue", () => {
    expect(releaseOf(attempt("acme/api", 3, 2), { now: new Date("2026-12-06T12:00:00Z"), reason: "retried by a maintainer" })).toEqual({
      v: 1,
      kind: "release",
      key: "acme/api#3:2",
      time: "2026-12-06T12:00:00.000Z",
      repo: "acme/api",
      issue: 3,
      reason: "retried by a maintainer",
    });
  });
});
