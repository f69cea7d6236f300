import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { visit } from "unist-util-visit";
import { describe, expect, it } from "vitest";
import { neutraliseMarkdown, neutraliseText, neutraliseTitle } from "../../src/model/neutralise.js";

const ZWSP = "\u200b";

function parse(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function nodes(markdown: string): Nodes[] {
  return parse(markdown).children;
}

/** What GitHub would render live in `markdown`, read the way GitHub reads it (CommonMark with GFM autolinks). */
function live(markdown: string): { links: string[]; html: string[] } {
  const links: string[] = [];
  const html: string[] = [];
  visit(parse(markdown), (node) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") links.push(node.url);
    if (node.type === "html") html.push(node.value);
  });
  return { links, html };
}

describe("neutraliseText", () => {
  it.each<[string, string, string]>([
    ["a user mention", "ping @everyone now", `ping @${ZWSP}everyone now`],
    ["a mention at the start of the text", "@alice found it", `@${ZWSP}alice found it`],
    ["a mention after a newline", "found\n@alice", `found\n@${ZWSP}alice`],
    ["a team mention", "ask @org/team to review", `ask @${ZWSP}org/team to review`],
    ["a mention in parentheses", "(cc @bob)", `(cc @${ZWSP}bob)`],
    ["a mention in quotes", '"@mona"', `"@${ZWSP}mona"`],
    ["a mention after a comma", "a,@mona", `a,@${ZWSP}mona`],
    ["a mention in asterisk emphasis", "*@mona*", `*@${ZWSP}mona*`],
    ["a mention in underscore emphasis", "_@mona_", `_@${ZWSP}mona_`],
    ["a mention after a slash", "a/@mona", `a/@${ZWSP}mona`],
    ["a mention after a dot", "end.@mona", `end.@${ZWSP}mona`],
    ["a mention after a hyphen", "-@mona", `-@${ZWSP}mona`],
    ["a closing keyword", "fixes #12", `fixes #${ZWSP}12`],
    ["two closing keywords in any case", "This Fixes #12 and CLOSES #13", `This Fixes #${ZWSP}12 and CLOSES #${ZWSP}13`],
    ["close", "close #1", `close #${ZWSP}1`],
    ["closed", "closed #1", `closed #${ZWSP}1`],
    ["fix", "fix #1", `fix #${ZWSP}1`],
    ["fixed", "fixed #1", `fixed #${ZWSP}1`],
    ["resolve", "resolve #1", `resolve #${ZWSP}1`],
    ["resolves", "resolves #1", `resolves #${ZWSP}1`],
    ["a keyword with a colon", "Resolved: #4", `Resolved: #${ZWSP}4`],
    ["a keyword with a colon and no space", "Closes:#4", `Closes:#${ZWSP}4`],
    ["a keyword in underscore emphasis", "_fixes #1_", `_fixes #${ZWSP}1_`],
    ["a reference to another repository", "Closes owner/repo#3", `Closes owner/repo#${ZWSP}3`],
    ["a GH- reference", "fixes GH-7", `fixes GH-${ZWSP}7`],
    ["an issue address", "resolves https://github.com/o/r/issues/9", `resolves https:${ZWSP}//github.com/o/r/issues/${ZWSP}9`],
    ["a pull request address", "fixed https://github.com/o/r/pull/10", `fixed https:${ZWSP}//github.com/o/r/pull/${ZWSP}10`],
    ["a bare address", "see https://evil.example/x", `see https:${ZWSP}//evil.example/x`],
    ["a www address", "see www.evil.example", `see www${ZWSP}.evil.example`],
    ["an HTML comment opener", "<!-- factory:epic theme=x -->", `<!${ZWSP}-- factory:epic theme=x -->`],
  ])("neutralises %s", (_name, input, expected) => {
    expect(neutraliseText(input)).toBe(expected);
    // Neutralised text passes again unchanged.
    expect(neutraliseText(expected)).toBe(expected);
  });

  it.each([
    "mail bob@example.com about it",
    "see #12 for context",
    "prefix#12 is not a reference",
    "the npm scope @/x is not a user",
    "no mentions here",
    "Retry count < 3 causes failures when latency > 2s",
    "SQL injection in the search endpoint (high)",
  ])("leaves %j untouched", (input) => {
    expect(neutraliseText(input)).toBe(input);
  });
});

/** The stranger's title from the trust issue, and its neutralised form. */
const HOSTILE = "security(api): @acme/admins @mona <img src=x onerror=alert(1)> [x](https://evil.example) fixes #1";

describe("neutraliseTitle", () => {
  it.each<[string, string, string]>([
    ["tags", "SQL <b>injection</b> in search", "SQL injection in search"],
    ["an image tag with a handler", "XSS via <img src=x onerror=alert(1)> in name", "XSS via in name"],
    ["a details block", "<details><summary>open me</summary>hidden</details> now", "open me hidden now"],
    ["an HTML comment", "tidy <!-- note --> errors", "tidy errors"],
    ["a forged Factory marker", "quality(api): <!-- factory:epic theme=quality slug=quality batch=b1 --> tidy", "quality(api): tidy"],
    ["an unclosed comment", "tidy <!-- errors", `tidy <!${ZWSP}-- errors`],
    ["a processing instruction and a declaration", "a <?php echo 1 ?> b <!DOCTYPE html> c", "a b c"],
    ["line breaks", "  Multi\n  line   title ", "Multi line title"],
    ["pings and closing references", "Token leak @alice fixes #3", `Token leak @${ZWSP}alice fixes #${ZWSP}3`],
    ["a link", "see [x](https://evil.example) now", `see x (https:${ZWSP}//evil.example) now`],
    ["a link with a title", 'see [x](https://evil.example "hi")', `see x (https:${ZWSP}//evil.example)`],
    ["a link in angle brackets", "see [x](<https://evil.example/a b>)", `see x (https:${ZWSP}//evil.example/a b)`],
    ["an image", "![a](https://evil.example/p.png)", `a (https:${ZWSP}//evil.example/p.png)`],
    ["an image without alt text", "![](https://evil.example/p.png)", `https:${ZWSP}//evil.example/p.png`],
    ["a link to itself", "[https://evil.example](https://evil.example)", `https:${ZWSP}//evil.example`],
    ["nested links", "[a [b](https://b.example)](https://a.example)", `a b (https:${ZWSP}//b.example) (https:${ZWSP}//a.example)`],
    ["an autolink", "see <https://evil.example>", `see https:${ZWSP}//evil.example`],
    ["the hostile title", HOSTILE, `security(api): @${ZWSP}acme/admins @${ZWSP}mona x (https:${ZWSP}//evil.example) fixes #${ZWSP}1`],
  ])("cleans %s", (_name, input, expected) => {
    const out = neutraliseTitle(input);
    expect(out).toBe(expected);
    expect(neutraliseTitle(out)).toBe(out);
    // Copied into a Markdown line, nothing renders as a link, an image or HTML.
    expect(live(`- [ ] #3 - ${out}`)).toEqual({ links: [], html: [] });
  });

  it.each([
    "security(api): login form has no rate limit",
    "Retry count < 3 causes failures when latency > 2s",
    "fix(web): `a_b` and 2*3*4 in [brackets]",
    "see #12 and bob@example.com",
  ])("leaves the plain title %j as written", (input) => {
    expect(neutraliseTitle(input)).toBe(input);
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
    expect(live(out).html).toEqual([]);
  });

  it("shows an HTML comment as text, so an audit cannot plant a Factory marker", () => {
    const out = neutraliseMarkdown(nodes("Text\n\n<!-- factory:finding fp=abc audit=#1 -->"));
    expect(out).toBe(`Text\n\n\\<!${ZWSP}-- factory:finding fp=abc audit=#1 -->`);
    expect(out).not.toContain("<!--");
    expect(live(out).html).toEqual([]);
  });

  it("escapes tags that arrive as entities, which are text in the tree", () => {
    const out = neutraliseMarkdown(nodes("&lt;img src=x onerror=alert(1)&gt;"));
    expect(out).toBe("\\<img src=x onerror=alert(1)>");
  });

  it.each<[string, string, string]>([
    ["a link", "See [docs](https://evil.example/docs).", `See docs (https:${ZWSP}//evil.example/docs).`],
    ["an image", "![chart](https://evil.example/p.png)", `chart (https:${ZWSP}//evil.example/p.png)`],
    ["a bare address", "See https://evil.example/x now", `See https:${ZWSP}//evil.example/x now`],
    ["a www address", "See www.evil.example now", `See www${ZWSP}.evil.example now`],
    ["an autolink", "See <https://evil.example> now", `See https:${ZWSP}//evil.example now`],
    ["a reference link and its definition", "[x][r]\n\n[r]: https://evil.example", `x\n\nr: https:${ZWSP}//evil.example`],
  ])("shows %s as text", (_name, markdown, expected) => {
    const out = neutraliseMarkdown(nodes(markdown));
    expect(out).toBe(expected);
    expect(live(out).links).toEqual([]);
  });

  it("keeps an e-mail address, which leads nowhere but a mail client", () => {
    expect(neutraliseMarkdown(nodes("Write to bob@example.com."))).toBe("Write to <bob@example.com>.");
  });

  it("turns a heading inside a finding into a bold line", () => {
    expect(neutraliseMarkdown(nodes("### Impact\n\nAttackers read @admin data."))).toBe(`**Impact**\n\nAttackers read @${ZWSP}admin data.`);
  });

  it("renders lists with dashes and keeps tables", () => {
    const markdown = "* one\n* two @dev\n\n| a | b |\n|---|---|\n| 1 | 2 |";
    expect(neutraliseMarkdown(nodes(markdown))).toBe(`- one\n- two @${ZWSP}dev\n\n| a | b |\n| - | - |\n| 1 | 2 |`);
  });

  it("leaves plain Markdown as written", () => {
    const markdown = "The handler trusts `req.body`.\n\n- check the input\n- return 400";
    expect(neutraliseMarkdown(nodes(markdown))).toBe(markdown);
  });

  it("returns an empty string for no nodes", () => {
    expect(neutraliseMarkdown([])).toBe("");
  });
});
