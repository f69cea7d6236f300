import { describe, expect, it } from "vitest";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { renderEpicBody } from "../../src/model/render-epic-body.js";
import { EPIC } from "../stages/epic/epic-body-fixture.js";
import { layout } from "../stages/epic/make-candidate.js";

const BODY = renderEpicBody(EPIC);
const LINE_43 = "- [ ] #43 - docs(security): document the query helper";
const LINE_41 = "- [ ] #41 - security(api): SQL injection in search";
const LINE_42 = "- [ ] #42 - security(api): SQL injection in export";

/** Replaces exactly one occurrence, so a typo in a case fails loudly. */
function edit(body: string, from: string, to: string): string {
  const at = body.indexOf(from);
  if (at < 0 || body.indexOf(from, at + 1) >= 0) throw new Error(`not exactly one ${JSON.stringify(from)}`);
  return body.slice(0, at) + to + body.slice(at + from.length);
}

const headings = (body: string) => parseEpicBody(body).phases.map((phase) => `${phase.number} ${phase.name} (${phase.kind})`);
const AS_RENDERED = ["blocking:#40", "parallel:#41,#42", "cleanup:#43"];

describe("parseEpicBody tolerates edits", () => {
  it.each<[string, (body: string) => string, string[]]>([
    ["the body as rendered", (body) => body, AS_RENDERED],
    ["CRLF line endings", (body) => body.replace(/\n/g, "\r\n"), AS_RENDERED],
    ["a child moved to another phase", (body) => edit(edit(body, `${LINE_43}\n`, ""), "#40 - quality(db): add a parameterised query helper\n", `#40 - quality(db): add a parameterised query helper\n${LINE_43}\n`), ["blocking:#40,#43", "parallel:#41,#42", "cleanup:"]],
    ["lines reordered within a phase", (body) => edit(body, `${LINE_41}\n${LINE_42}`, `${LINE_42}\n${LINE_41}`), ["blocking:#40", "parallel:#42,#41", "cleanup:#43"]],
    ["prose and a bullet list between phases", (body) => edit(body, `${LINE_42}\n`, `${LINE_42}\n\nNotes from the maintainer, see #12.\n\n- keep the staging database\n- [ ] ask the DBA\n`), AS_RENDERED],
    ["a `## Notes` heading ending the phases", (body) => edit(body, "## Acceptance criteria", "## Notes\n\n- [ ] #99 - a follow-up idea\n\n## Acceptance criteria"), AS_RENDERED],
    ["a broken YAML manifest", (body) => edit(body, "tickets:\n", "tickets: [\n"), AS_RENDERED],
    ["a child listed twice", (body) => edit(body, `${LINE_43}\n`, `${LINE_43}\n- [ ] #41 - listed again\n`), AS_RENDERED],
    ["a `*` bullet and a colon after the number", (body) => edit(body, LINE_42, "* [ ] #42: security(api): SQL injection in export"), AS_RENDERED],
  ])("%s", (_name, change, expected) => {
    expect(layout(parseEpicBody(change(BODY)).phases)).toEqual(expected);
  });

  it("reads CRLF bodies exactly like LF ones", () => {
    expect(parseEpicBody(BODY.replace(/\n/g, "\r\n"))).toEqual(parseEpicBody(BODY));
  });

  it("reads ticked boxes as done", () => {
    const body = edit(edit(BODY, LINE_41, LINE_41.replace("[ ]", "[x]")), LINE_43, LINE_43.replace("[ ]", "[X]"));
    const children = parseEpicBody(body).phases.flatMap((phase) => phase.children.map((child) => [child.number, child.checked]));
    expect(children).toEqual([[40, false], [41, true], [42, false], [43, true]]);
  });

  it("keeps the phases but drops a manifest a person broke", () => {
    const document = parseEpicBody(edit(BODY, "tickets:\n", "tickets: [\n"));
    expect(document.manifest).toBeUndefined();
    expect(document.batch).toBe("b-0123456789abcdef");
  });

  it("keeps the first listing of a child and reports the repeat", () => {
    const document = parseEpicBody(edit(BODY, `${LINE_43}\n`, `${LINE_43}\n- [ ] #41 - listed again\n- [ ] #40 - and again\n`));
    expect(document.duplicates).toEqual([41, 40]);
    expect(document.phases[1]?.children.map((child) => child.title)).toEqual(["security(api): SQL injection in search", "security(api): SQL injection in export"]);
  });

  it.each<[string, string, string]>([
    ["an en dash", "### Phase 3 – Cleanup (cleanup)", "3 Cleanup (cleanup)"],
    ["lower case", "### phase 3: tidy up (CLEANUP)", "3 tidy up (cleanup)"],
    ["a level-2 heading", "## Phase 3: Cleanup (cleanup)", "3 Cleanup (cleanup)"],
    ["no name", "### Phase 3 (cleanup)", "3 cleanup (cleanup)"],
  ])("reads a phase heading written with %s", (_name, heading, expected) => {
    const body = edit(BODY, "### Phase 3: Cleanup (cleanup)", heading);
    expect(headings(body)).toEqual(["1 Foundations (blocking)", "2 Implementation (parallel)", expected]);
    expect(layout(parseEpicBody(body).phases)).toEqual(AS_RENDERED);
  });

  it.each([
    ["a heading with an unknown kind", "### Phase 3: Cleanup (later)"],
    ["a heading without a kind", "### Phase 3: Cleanup"],
  ])("does not take %s for a phase", (_name, heading) => {
    const body = edit(BODY, "### Phase 3: Cleanup (cleanup)", heading);
    expect(layout(parseEpicBody(body).phases)).toEqual(["blocking:#40", "parallel:#41,#42"]);
  });

  it("reads a body without marker or phases as empty", () => {
    expect(parseEpicBody("Just an issue.\n\n- [ ] #4 - not in a phase\n")).toEqual({ phases: [], duplicates: [] });
  });

  it("reads a plain `- #41 …` bullet in a phase as a child someone added without a box", () => {
    const body = "### Phase 1: A (parallel)\n\n- [ ] #40 - one\n- #41 needs a follow-up\n- see the design doc\n";
    expect(parseEpicBody(body).phases[0]?.children).toEqual([
      { number: 40, title: "one", checked: false },
      { number: 41, title: "needs a follow-up", checked: false },
    ]);
  });
});
