import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { neutraliseMarkdown, neutraliseText, neutraliseTitle } from "../../../src/model/audit/neutralise.js";

const ZWSP = "\u200b";

function nodes(markdown: string): Nodes[] {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }).children;
}

describe("neutraliseText", () => {
  it.each<[string, string]>([
    ["ping @everyone now", `ping @${ZWSP}everyone now`],
    ["@alice found it", `@${ZWSP}alice found it`],
    ["ask @org/team to review", `ask @${ZWSP}org/team to review`],
    ["(cc @bob)", `(cc @${ZWSP}bob)`],
    ["fixes #12", `fixes #${ZWSP}12`],
    ["This Fixes #12 and closes #13", `This Fixes #${ZWSP}12 and closes #${ZWSP}13`],
    ["Resolved: #4", `Resolved: #${ZWSP}4`],
    ["Closes owner/repo#3", `Closes owner/repo#${ZWSP}3`],
    ["resolves https://github.com/o/r/issues/9", `resolves https://github.com/o/r/issues/${ZWSP}9`],
    ["fixed https://github.com/o/r/pull/10", `fixed https://github.com/o/r/pull/${ZWSP}10`],
  ])("neutralises %j", (input, expected) => {
    expect(neutraliseText(input)).toBe(expected);
  });

  it.each([
    "mail bob@example.com about it",
    "see #12 for context",
    "prefix#12 is not a reference",
    "the npm scope @/x is not a user",
    "no mentions here",
  ])("leaves %j untouched", (input) => {
    expect(neutraliseText(input)).toBe(input);
  });
});

describe("neutraliseTitle", () => {
  it.each<[string, string]>([
    ["SQL <b>injection</b> in search", "SQL injection in search"],
    ["XSS via <img src=x onerror=alert(1)> in name", "XSS via in name"],
    ["  Multi\n  line   title ", "Multi line title"],
    ["Token leak @alice fixes #3", `Token leak @${ZWSP}alice fixes #${ZWSP}3`],
  ])("cleans %j", (input, expected) => {
    expect(neutraliseTitle(input)).toBe(expected);
  });

  // Suspected bug: the tag regex eats text between a "<" and a ">" that are not a tag:
  // "Retry count < 3 causes failures when latency > 2s" → "Retry count 2s".
  it("keeps comparison operators in a title and removes only real tags", () => {
    expect(neutraliseTitle("Retry count < 3 causes failures when latency > 2s")).toBe("Retry count < 3 causes failures when latency > 2s");
    expect(neutraliseTitle("XSS via <img src=x onerror=alert(1)> in preview")).toBe("XSS via in preview");
  });
});

describe("neutraliseMarkdown", () => {
  it("neutralises prose but keeps fenced and inline code verbatim", () => {
    const markdown = "Intro @alice fixes #1\n\n```js\n@bob fixes #2\n```\n\nUse `@carol fixes #3` here.";
    expect(neutraliseMarkdown(nodes(markdown))).toBe(
      [`Intro @${ZWSP}alice fixes #${ZWSP}1`, "", "```js", "@bob fixes #2", "```", "", "Use `@carol fixes #3` here."].join("\n"),
    );
  });

  it.each([
    ["an image with an onerror handler", "<img src=x onerror=alert(1)>", "<img"],
    ["inline HTML in a paragraph", "Inline <b>bold</b> html", "<b>"],
    ["a details block", "<details><summary>open me</summary>hidden</details>", "<details>"],
    ["a script tag", "<script>alert(1)</script>", "<script>"],
  ])("turns %s into visible text", (_name, markdown, tag) => {
    const out = neutraliseMarkdown(nodes(markdown));
    // Escaped as `\<tag`, GitHub shows the tag as text instead of rendering it.
    expect(out).toContain(`\\${tag}`);
    expect(out).not.toMatch(/(^|[^\\])<[a-z]/im);
    // Rendered again, the escaped HTML is plain text, not an html node.
    const reparsed = JSON.stringify(fromMarkdown(out));
    expect(reparsed).not.toContain('"type":"html"');
  });

  it("shows an HTML comment as text, so an audit cannot plant a Factory marker", () => {
    const out = neutraliseMarkdown(nodes("Text\n\n<!-- factory:finding fp=abc audit=#1 -->"));
    expect(out).toBe("Text\n\n\\<!-- factory:finding fp=abc audit=#1 -->");
    expect(out).not.toMatch(/(^|[^\\])<!--/m);
  });

  it("escapes tags that arrive as entities, which are text in the tree", () => {
    const out = neutraliseMarkdown(nodes("&lt;img src=x onerror=alert(1)&gt;"));
    expect(out).toBe("\\<img src=x onerror=alert(1)>");
  });

  it("turns a heading inside a finding into a bold line", () => {
    expect(neutraliseMarkdown(nodes("### Impact\n\nAttackers read @admin data."))).toBe(`**Impact**\n\nAttackers read @${ZWSP}admin data.`);
  });

  it("renders lists with dashes and keeps tables", () => {
    const markdown = "* one\n* two @dev\n\n| a | b |\n|---|---|\n| 1 | 2 |";
    expect(neutraliseMarkdown(nodes(markdown))).toBe(`- one\n- two @${ZWSP}dev\n\n| a | b |\n| - | - |\n| 1 | 2 |`);
  });

  it("returns an empty string for no nodes", () => {
    expect(neutraliseMarkdown([])).toBe("");
  });
});
