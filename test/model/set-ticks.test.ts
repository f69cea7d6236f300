import { describe, expect, it } from "vitest";
import { setTicks } from "../../src/model/set-ticks.js";

const BODY = [
  "## Overview",
  "",
  "Fixes #31 and #32; see - [ ] #31 in prose.",
  "",
  "### Phase 1: Foundations (blocking)",
  "",
  "- [ ] #31 - quality(db): add a helper",
  "* [x] #32 - security(api): fix search",
  "  + [ ] #310 - docs: describe it",
  "- [X] #33",
  "",
  "- [ ] a task without a child",
].join("\n");

const replaceLine = (body: string, from: string, to: string) => body.replace(from, to);

describe("setTicks", () => {
  it("ticks only #31's task line, not #310 nor the prose", () => {
    expect(setTicks(BODY, { tick: [31], untick: [] })).toBe(replaceLine(BODY, "- [ ] #31 - quality", "- [x] #31 - quality"));
  });

  it("unticks `* [x]` and `- [X]` lines, keeping their bullets", () => {
    const expected = replaceLine(replaceLine(BODY, "* [x] #32", "* [ ] #32"), "- [X] #33", "- [ ] #33");
    expect(setTicks(BODY, { tick: [], untick: [32, 33] })).toBe(expected);
  });

  it("ticks and unticks in one pass, keeping indentation", () => {
    const expected = replaceLine(replaceLine(BODY, "  + [ ] #310", "  + [x] #310"), "* [x] #32", "* [ ] #32");
    expect(setTicks(BODY, { tick: [310], untick: [32] })).toBe(expected);
  });

  it.each<[string, { tick: number[]; untick: number[] }]>([
    ["nothing asked", { tick: [], untick: [] }],
    ["already ticked", { tick: [32, 33], untick: [] }],
    ["already unticked", { tick: [], untick: [31, 310] }],
    ["children not in the body", { tick: [3, 99], untick: [1] }],
  ])("returns undefined when nothing changes: %s", (_name, params) => {
    expect(setTicks(BODY, params)).toBeUndefined();
  });

  it("keeps CRLF line endings", () => {
    const body = "- [ ] #31 - a\r\n- [ ] #32 - b\r\n";
    expect(setTicks(body, { tick: [32], untick: [] })).toBe("- [ ] #31 - a\r\n- [x] #32 - b\r\n");
  });

  it("leaves a line whose box is not followed by a child number alone", () => {
    expect(setTicks("- [ ] see #31\n- [ ]#31\n", { tick: [31], untick: [] })).toBeUndefined();
  });
});
