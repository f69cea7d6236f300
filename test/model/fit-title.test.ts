import { describe, expect, it } from "vitest";
import { fitTitle, MAX_TITLE_CHARS } from "../../src/model/fit-title.js";

const length = (text: string) => Array.from(text).length;

describe("fitTitle", () => {
  it("leaves a title within 256 characters as it is", () => {
    const title = `security(api): ${"x".repeat(MAX_TITLE_CHARS - 15)}`;
    expect(length(title)).toBe(MAX_TITLE_CHARS);
    expect(fitTitle(title)).toBe(title);
  });

  it("cuts a longer title at a word boundary and ends it with an ellipsis", () => {
    const title = `epic(security): 40 security issues from audits ${Array.from({ length: 60 }, (_, i) => `#${i + 1}`).join(", ")}`;
    const fitted = fitTitle(title);
    expect(length(fitted)).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(fitted.endsWith("…")).toBe(true);
    expect(title.startsWith(fitted.slice(0, -1))).toBe(true);
    // The cut falls between words, and no comma is left dangling before the ellipsis.
    expect(fitted).toMatch(/#\d+…$/);
  });

  it("cuts mid-word when the title has no space in its second half", () => {
    const fitted = fitTitle(`security(${"a".repeat(300)}): leak`);
    expect(length(fitted)).toBe(MAX_TITLE_CHARS);
    expect(fitted).toBe(`security(${"a".repeat(MAX_TITLE_CHARS - 10)}…`);
  });

  it("counts characters, not UTF-16 units, and never splits one", () => {
    const rockets = "🚀".repeat(300);
    const fitted = fitTitle(rockets);
    expect(length(fitted)).toBe(MAX_TITLE_CHARS);
    expect(fitted).toBe(`${"🚀".repeat(MAX_TITLE_CHARS - 1)}…`);
    expect(fitTitle("🚀".repeat(MAX_TITLE_CHARS))).toBe("🚀".repeat(MAX_TITLE_CHARS));
  });

  it("takes a smaller limit", () => {
    expect(fitTitle("one two three four", 10)).toBe("one two…");
  });
});
