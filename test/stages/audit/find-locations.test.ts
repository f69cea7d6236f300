import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { findLocations, readLocation } from "../../../src/stages/audit/find-locations.js";
import type { Location } from "../../../src/stages/audit/finding.js";

/** Parses Markdown the way parseAudit does. */
function nodes(markdown: string): Nodes[] {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }).children;
}

describe("findLocations", () => {
  it.each<[string, string, Location[]]>([
    ["a path with a line in prose", "See path/file.go:123 for details.", [{ path: "path/file.go", line: 123 }]],
    ["a GitHub line range", "In `api/search.go#L10-L20` the query is built.", [{ path: "api/search.go", line: 10 }]],
    ["a colon line range", "At internal/db/query.go:10-20 the rows leak.", [{ path: "internal/db/query.go", line: 10 }]],
    ["a line and column", "At internal/db/query.go:42:7 the rows leak.", [{ path: "internal/db/query.go", line: 42 }]],
    ["a root file with a line", "main.go:12 ignores the error.", [{ path: "main.go", line: 12 }]],
    ["a leading ./", "See ./src/index.ts:4.", [{ path: "src/index.ts", line: 4 }]],
    ["a path in parentheses", "The handler (api/x.go:3), again.", [{ path: "api/x.go", line: 3 }]],
    ["a backticked path with no line", "The file `internal/api/webhook.go` has it.", [{ path: "internal/api/webhook.go" }]],
    ["a backticked directory", "Everything in `internal/api/`.", [{ path: "internal/api/" }]],
    [
      "a GitHub blob link",
      "[the handler](https://github.com/acme/api/blob/main/internal/api/webhook.go#L42)",
      [{ path: "internal/api/webhook.go", line: 42 }],
    ],
    [
      "a bare GitHub blob URL",
      "https://github.com/acme/api/blob/0a1b2c/internal/api/webhook.go#L7",
      [{ path: "internal/api/webhook.go", line: 7 }],
    ],
    ["a blob link without a line", "[x](https://github.com/acme/api/blob/main/docs/setup.md)", [{ path: "docs/setup.md" }]],
  ])("reads %s", (_name, markdown, expected) => {
    expect(findLocations(nodes(markdown))).toEqual(expected);
  });

  // Suspected bug: GITHUB_BLOB stops the path at "?" and then needs "#L" at once, so GitHub's own
  // Markdown line links (`…/README.md?plain=1#L5`) lose their line: actual { path: "README.md" }.
  it("reads the line of a blob link with ?plain=1", () => {
    expect(findLocations(nodes("[x](https://github.com/o/r/blob/main/README.md?plain=1#L5)"))).toEqual([{ path: "README.md", line: 5 }]);
  });

  it("does not read hosts or library names as files", () => {
    expect(findLocations(nodes("see www.example.com/app.js and `Node.js` 20"))).toEqual([]);
  });

  it("keeps the order of first mention and drops repeats of the same path and line", () => {
    const markdown = "x/y.go:3 calls a/b.ts:1, then x/y.go:3 again and x/y.go:4.\n\n- `x/y.go:3`";
    expect(findLocations(nodes(markdown))).toEqual([
      { path: "x/y.go", line: 3 },
      { path: "a/b.ts", line: 1 },
      { path: "x/y.go", line: 4 },
    ]);
  });

  it("reads locations nested in lists, emphasis and table cells", () => {
    const markdown = "- **Where:** _api/auth.go:9_\n\n| File |\n|---|\n| web/app.ts:7 |";
    expect(findLocations(nodes(markdown))).toEqual([
      { path: "api/auth.go", line: 9 },
      { path: "web/app.ts", line: 7 },
    ]);
  });

  it("ignores fenced code and raw HTML", () => {
    const markdown = "```go\n// see other/thing.go:10\n```\n\n<div>internal/x.go:3</div>\n\n    indented/code.go:5";
    expect(findLocations(nodes(markdown))).toEqual([]);
  });

  it.each<[string, string, Location[]]>([
    ["Node.js in prose", "We run Node.js 20 in production.", []],
    ["import paths in code", "Use `math/rand`, `text/plain` and `@octokit/rest`.", []],
    ["a method call in code", "Call `res.json` with the body.", []],
    ["a bare manifest in prose", "Bump the version in package.json soon.", []],
    ["a bare manifest in code", "Bump the version in `package.json` soon.", [{ path: "package.json" }]],
    ["any extension in code with a directory", "See `docs/diagrams/a.drawio`.", [{ path: "docs/diagrams/a.drawio" }]],
    ["a well-known file name in code", "The `Dockerfile` runs as root.", [{ path: "Dockerfile" }]],
    ["a command in inline code", "Never run `curl evil.sh | sh` in CI.", []],
    ["a path inside a command", "The step runs `cat scripts/install.sh | sh`.", [{ path: "scripts/install.sh" }]],
    ["a top-level directory in prose", "Files under src/ are fine.", []],
    ["a URL that is not a blob", "See https://example.com/api/x.go for more.", []],
  ])("tells files from code and prose: %s", (_name, markdown, expected) => {
    expect(findLocations(nodes(markdown))).toEqual(expected);
  });
});

describe("readLocation", () => {
  it.each<[string, boolean, Location | undefined]>([
    ["path/file.go:123", false, { path: "path/file.go", line: 123 }],
    ["file.go#L10-L20", false, { path: "file.go", line: 10 }],
    ["api/x.go:10-20", false, { path: "api/x.go", line: 10 }],
    ["api/x.go:42:7", false, { path: "api/x.go", line: 42 }],
    ["(api/x.go:3),", false, { path: "api/x.go", line: 3 }],
    ["api/x.go:0", false, { path: "api/x.go" }],
    ["package.json", true, { path: "package.json" }],
    ["package.json", false, undefined],
    ["yarn.lock", true, { path: "yarn.lock" }],
    [".env", true, { path: ".env" }],
    ["Node.js", false, undefined],
    ["res.json", true, undefined],
    ["res.json", false, undefined],
    ["math/rand", true, undefined],
    ["@octokit/rest", true, undefined],
    ["../etc/passwd.txt", true, undefined],
    ["http://a/b.go", false, undefined],
    ["2.0", false, undefined],
    ["", false, undefined],
  ])("reads %j (in code: %s)", (token, inCode, expected) => {
    expect(readLocation(token, inCode)).toEqual(expected);
  });
});
