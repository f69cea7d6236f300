import { readFileSync } from "node:fs";
import type { InlineCode, Paragraph, Root, Table } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toString } from "mdast-util-to-string";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { COMMAND_VERBS } from "../../../src/stages/commands/command-verbs.js";
import { parseCommands } from "../../../src/stages/commands/parse-commands.js";
import { renderHelp } from "../../../src/stages/commands/render-help.js";

const golden = readFileSync(new URL("./__golden__/help.md", import.meta.url), "utf8");

function parse(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function table(markdown: string): Table {
  const found = parse(markdown).children.find((node): node is Table => node.type === "table");
  if (!found) throw new Error("The help has no table");
  return found;
}

/** The first paragraph's children, where the unknown word is echoed. */
function opening(markdown: string): Paragraph["children"] {
  const first = parse(markdown).children[0];
  if (first?.type !== "paragraph") throw new Error("The help does not open with a paragraph");
  return first.children;
}

describe("renderHelp", () => {
  it("matches the golden file", () => {
    expect(renderHelp({})).toBe(golden);
  });

  it("renders one table row per verb, three cells each, usage intact despite its pipes", () => {
    const rows = table(renderHelp({})).children;
    expect(rows).toHaveLength(COMMAND_VERBS.length + 1);
    for (const [index, info] of COMMAND_VERBS.entries()) {
      const cells = rows[index + 1]?.children ?? [];
      expect(cells).toHaveLength(3);
      expect(cells[0]?.children).toEqual([expect.objectContaining({ type: "inlineCode", value: info.usage })]);
      expect(toString(cells[2])).toBe(info.access?.replaceAll("`", "") ?? (info.changesState ? "write permission" : "anyone"));
    }
  });

  it("says who may ask for which budget view", () => {
    const budget = table(renderHelp({})).children.find((row) => toString(row.children[0]).startsWith("/factory budget"));
    expect(toString(budget?.children[2])).toBe("write permission; anyone with --plan, --history or --forecast");
  });

  it("contains no links, mentions or HTML", () => {
    const help = renderHelp({ unknownWord: "x" });
    expect(help).not.toMatch(/https?:|\]\(|<[a-z!/]/i);
    expect(help).not.toMatch(/(^|\s)@\w/);
  });

  it("explains --dry-run and where commands must stand", () => {
    const help = renderHelp({});
    expect(help).toContain("`--dry-run` anywhere after the verb");
    expect(help).toContain("each command starts its own line");
  });

  it("is not itself read as commands if quoted back", () => {
    expect(parseCommands(renderHelp({ unknownWord: "x" }))).toEqual([]);
  });

  it("says nothing about an unknown word unless given one", () => {
    expect(renderHelp({})).not.toContain("is not a command");
  });

  it.each<[string, string, string]>([
    ["a plain word", "deploy", "/factory deploy"],
    ["a mention", "@octocat", "/factory @octocat"],
    ["HTML", "<script>alert(1)</script>", "/factory <script>alert(1)</script>"],
    ["Markdown", "**bold**_[x](y)_", "/factory **bold**_[x](y)_"],
    ["an issue reference", "#12", "/factory #12"],
    ["backticks inside", "a`b``c", "/factory a`b``c"],
    ["a backtick at the end", "oops`", "/factory oops`"],
    ["a line break and a bidi override", "one\ntwo\u202e", "/factory one two"],
    ["a long word", "w".repeat(100), `/factory ${"w".repeat(39)}…`],
    ["nothing visible", "\u200b", "/factory"],
  ])("echoes %s only inside one code span", (_name, unknownWord, shown) => {
    const help = renderHelp({ unknownWord });
    const [code, rest] = opening(help);
    expect(code).toEqual(expect.objectContaining({ type: "inlineCode", value: shown }));
    expect((code as InlineCode).value).not.toContain("\n");
    expect(rest).toEqual(expect.objectContaining({ type: "text", value: " is not a command Factory knows. These are the ones it does:" }));
    expect(help.split("\n")[0]?.length).toBeLessThan(140);
  });

  it("marks verbs outside availableVerbs as not available yet", () => {
    const help = renderHelp({ availableVerbs: new Set(["help", "status", "budget"]) });
    const rows = table(help).children.slice(1);
    const marked = rows.map((row) => JSON.stringify(row.children[1]).includes("Not available yet."));
    expect(marked).toEqual(COMMAND_VERBS.map((info) => !["help", "status", "budget"].includes(info.verb)));
  });

  it("marks nothing when every verb is available", () => {
    const all = new Set(COMMAND_VERBS.map((info) => info.verb));
    expect(renderHelp({ availableVerbs: all })).toBe(golden);
  });

  it("marks every verb for an empty set", () => {
    const help = renderHelp({ availableVerbs: new Set() });
    expect(help.match(/Not available yet\./g)).toHaveLength(COMMAND_VERBS.length);
  });
});
