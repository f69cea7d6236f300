import { describe, expect, it } from "vitest";
import { findMarker, parseMarkers, renderMarker } from "../../src/model/markers.js";

describe("markers", () => {
  it("round-trips kinds and fields", () => {
    const marker = { kind: "dispatch", fields: { child: "#31", epic: "#30", at: "2026-11-21T10:00:00Z" } };
    const rendered = renderMarker(marker);
    expect(rendered).toBe("<!-- factory:dispatch child=#31 epic=#30 at=2026-11-21T10:00:00Z -->");
    expect(parseMarkers(`text\n${rendered}\nmore`)).toEqual([marker]);
  });

  it("finds the first marker matching kind and fields", () => {
    const body = [
      renderMarker({ kind: "reply", fields: { comment: "1" } }),
      renderMarker({ kind: "reply", fields: { comment: "2" } }),
    ].join("\n");
    expect(findMarker(body, "reply", { comment: "2" })?.fields.comment).toBe("2");
    expect(findMarker(body, "reply", { comment: "3" })).toBeUndefined();
    expect(findMarker(body, "finding")).toBeUndefined();
    expect(findMarker(null, "reply")).toBeUndefined();
  });

  it.each([
    ["a kind with spaces", { kind: "bad kind", fields: {} }],
    ["a value that would close the comment", { kind: "reply", fields: { x: "-->" } }],
    ["a value with a space", { kind: "reply", fields: { x: "a b" } }],
    ["an upper-case key", { kind: "reply", fields: { X: "1" } }],
    ["an empty value", { kind: "reply", fields: { x: "" } }],
  ])("refuses to render %s", (_name, marker) => {
    expect(() => renderMarker(marker)).toThrow(/Invalid marker/);
  });

  it.each([
    ["unterminated", "<!-- factory:reply comment=1"],
    ["wrong prefix", "<!-- fabric:reply comment=1 -->"],
    ["hostile value", "<!-- factory:reply comment=<script> -->"],
    ["visible text", "factory:reply comment=1"],
  ])("ignores a malformed marker: %s", (_name, body) => {
    expect(parseMarkers(body)).toEqual([]);
  });
});

describe("markers GitHub would show as text", () => {
  const marker = "<!-- factory:epic theme=security slug=security batch=b1 -->";
  it.each([
    ["a real HTML comment on its own line", `Overview\n\n${marker}\n`, 1],
    ["a real HTML comment inside a paragraph", `Some text ${marker} more text`, 1],
    ["a real HTML comment inside a <details> block", `<details>\n<summary>x</summary>\n${marker}\n</details>\n`, 1],
    ["a backslash-escaped comment", `\\${marker}`, 0],
    ["an escaped comment inside a paragraph", `The audit said \\<!-- factory:epic theme=a slug=b batch=c --> here`, 0],
    ["an inline code span", `Use \`${marker}\` to mark an epic`, 0],
    ["a fenced code block", `\`\`\`html\n${marker}\n\`\`\`\n`, 0],
    ["an indented code block", `Example:\n\n    ${marker}\n`, 0],
    ["an HTML entity spelling", `&lt;!-- factory:epic theme=a slug=b batch=c --&gt;`, 0],
  ])("%s", (_name, body, count) => {
    expect(parseMarkers(body)).toHaveLength(count);
  });
});
