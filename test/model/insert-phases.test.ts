import { describe, expect, it } from "vitest";
import type { EpicPhase } from "../../src/model/epic-document.js";
import { insertPhases } from "../../src/model/insert-phases.js";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { renderEpicBody } from "../../src/model/render-epic-body.js";
import { EPIC } from "../stages/epic/epic-body-fixture.js";
import { layout } from "../stages/epic/make-candidate.js";

const BODY = renderEpicBody(EPIC);
const child = (number: number, title = `security(api): issue ${number}`) => ({ number, title, checked: false });
const PHASE_4: EpicPhase = { number: 4, name: "Implementation 2", kind: "parallel", children: [child(44), child(45)] };
const PHASE_4_TEXT = "### Phase 4: Implementation 2 (parallel)\n\n- [ ] #44 - security(api): issue 44\n- [ ] #45 - security(api): issue 45\n\n";

describe("insertPhases", () => {
  it("adds the phases just before the acceptance criteria", () => {
    const at = BODY.indexOf("## Acceptance criteria");
    expect(insertPhases(BODY, [PHASE_4])).toBe(BODY.slice(0, at) + PHASE_4_TEXT + BODY.slice(at));
  });

  it("keeps what a person wrote", () => {
    const edited = BODY.replace("## Overview\n", "## Overview\n\nMaintainer: ship before the freeze.\n").replace(
      "## Acceptance criteria",
      "Extra notes, see #12.\n\n## Acceptance criteria",
    );
    const next = insertPhases(edited, [PHASE_4]) ?? "";
    expect(next).toContain("Maintainer: ship before the freeze.\n");
    expect(next).toContain(`Extra notes, see #12.\n\n${PHASE_4_TEXT}## Acceptance criteria`);
    expect(next.replace(PHASE_4_TEXT, "")).toBe(edited);
  });

  it("leaves out children already listed anywhere, and phases left empty", () => {
    const phases: EpicPhase[] = [
      { number: 4, name: "Foundations 2", kind: "blocking", children: [child(40), child(43)] },
      { number: 5, name: "Implementation 2", kind: "parallel", children: [child(41), child(46)] },
    ];
    const next = insertPhases(BODY, phases) ?? "";
    expect(layout(parseEpicBody(next).phases)).toEqual(["blocking:#40", "parallel:#41,#42", "cleanup:#43", "parallel:#46"]);
    expect(next).not.toContain("Foundations 2");
  });

  it("changes nothing the second time", () => {
    const once = insertPhases(BODY, [PHASE_4]) ?? "";
    expect(once).not.toBe(BODY);
    expect(insertPhases(once, [PHASE_4])).toBeUndefined();
    expect(insertPhases(BODY, [])).toBeUndefined();
  });

  it("counts a child a person moved to another phase as present", () => {
    const moved = BODY.replace("- [ ] #43 - docs(security): document the query helper", "- [ ] #44 - moved here by hand");
    const next = insertPhases(moved, [PHASE_4]) ?? "";
    expect(next).toContain("### Phase 4: Implementation 2 (parallel)\n\n- [ ] #45 - security(api): issue 45\n\n## Acceptance criteria");
    expect(next).not.toContain("#44 - security(api): issue 44");
  });

  it("counts only children in phases as present: a line parked under another heading is not in the plan", () => {
    const parked = BODY.replace("- [ ] #44 - security(api): issue 44\n", "").replace("## Acceptance criteria", "### Later\n\n- [ ] #44 - parked\n\n## Acceptance criteria");
    expect(parked).toContain("- [ ] #44 - parked");
    const next = insertPhases(parked, [PHASE_4]) ?? "";
    expect(parseEpicBody(next).phases.flatMap((phase) => phase.children.map((child) => child.number))).toContain(44);
  });

  it("keeps a CRLF body CRLF", () => {
    const crlf = BODY.replace(/\n/g, "\r\n");
    const next = insertPhases(crlf, [PHASE_4]) ?? "";
    expect(next).toBe(crlf.replace("## Acceptance criteria", PHASE_4_TEXT.replace(/\n/g, "\r\n") + "## Acceptance criteria"));
    expect(/[^\r]\n/.test(next)).toBe(false);
  });

  it.each([
    ["a body without acceptance criteria", "Epic notes\n\n### Phase 1: Work (parallel)\n\n- [ ] #1 - one\n\n\n", `Epic notes\n\n### Phase 1: Work (parallel)\n\n- [ ] #1 - one\n\n${PHASE_4_TEXT.trimEnd()}\n`],
    ["an empty body", "", `\n\n${PHASE_4_TEXT.trimEnd()}\n`],
    ["a lower-case heading", "Intro\n\n#### acceptance criteria\n\n- done\n", `Intro\n\n${PHASE_4_TEXT}#### acceptance criteria\n\n- done\n`],
  ])("writes into %s", (_name, body, expected) => {
    expect(insertPhases(body, [PHASE_4])).toBe(expected);
  });
});
