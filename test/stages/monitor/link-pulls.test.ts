import { describe, expect, it } from "vitest";
import { currentPull, linkPull } from "../../../src/stages/monitor/link-pulls.js";
import { merged, pull } from "./monitor-fixture.js";

const CHILDREN = new Set([4, 5]);
const link = (body: string, head = "feature/unrelated") => linkPull({ body, head, children: CHILDREN });

describe("linkPull: closing keywords in the body", () => {
  it.each<[string, number | undefined]>([
    ["Closes #4", 4],
    ["fixes: #4", 4],
    ["Resolves #4", 4],
    ["This PR\n\nfix #5 by escaping the query.", 5],
    ["RESOLVED #5", 5],
    ["Closes #99, then closes #4", 4],
    ["Closes #99", undefined],
    ["Closes #40", undefined],
    ["See #4 for context", undefined],
    ["prefixes #4", undefined],
    ["", undefined],
  ])("%j → %s", (body, expected) => {
    expect(link(body)).toBe(expected);
  });
});

describe("linkPull: the branch name", () => {
  it.each<[string, number | undefined]>([
    ["jules/4-slug", 4],
    ["copilot/fix-4", 4],
    ["claude/issue-4-slug", 4],
    ["openhands-fix-issue-4", 4],
    ["jules/5", 5],
    ["jules/99-slug", undefined],
    ["copilot/fix-40", undefined],
    ["jules/v4-slug", undefined],
    ["main", undefined],
  ])("%s → %s", (head, expected) => {
    expect(link("Some description without keywords.", head)).toBe(expected);
  });

  it("prefers the body's child over the branch's", () => {
    expect(link("Closes #5", "jules/4-slug")).toBe(5);
  });

  it("falls back to the branch when the body only closes a non-child", () => {
    expect(link("Closes #99", "jules/4-slug")).toBe(4);
  });
});

describe("currentPull", () => {
  it("is undefined without pull requests", () => {
    expect(currentPull([])).toBeUndefined();
  });

  it("prefers an open one over a newer merged or closed one", () => {
    const pulls = [merged(12), pull(10), pull(14, { state: "CLOSED" })];
    expect(currentPull(pulls)?.number).toBe(10);
  });

  it("takes the latest merged one when none is open", () => {
    const pulls = [merged(10), pull(16, { state: "CLOSED" }), merged(12), pull(8, { state: "CLOSED" })];
    expect(currentPull(pulls)?.number).toBe(12);
  });

  it("takes the latest when all were closed unmerged", () => {
    const pulls = [pull(10, { state: "CLOSED" }), pull(16, { state: "CLOSED" }), pull(12, { state: "CLOSED" })];
    expect(currentPull(pulls)?.number).toBe(16);
  });

  it("does not reorder its input", () => {
    const pulls = [pull(10, { state: "CLOSED" }), pull(16, { state: "CLOSED" })];
    currentPull(pulls);
    expect(pulls.map((p) => p.number)).toEqual([10, 16]);
  });
});
