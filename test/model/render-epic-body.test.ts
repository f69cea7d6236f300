import { describe, expect, it } from "vitest";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { planEpics } from "../../src/stages/epic/plan-epics.js";
import { renderEpicBody, renderPhase } from "../../src/model/render-epic-body.js";
import { EPIC, MANIFEST, PHASES } from "../stages/epic/epic-body-fixture.js";
import { CONFIG, NOW, candidate, candidates } from "../stages/epic/make-candidate.js";

describe("renderEpicBody", () => {
  it("matches the golden body", async () => {
    await expect(renderEpicBody(EPIC)).toMatchFileSnapshot("./__golden__/epic-body.md");
  });

  it("opens with the epic marker and keeps the sections in order", () => {
    const body = renderEpicBody(EPIC);
    expect(body.startsWith("<!-- factory:epic theme=security slug=security batch=b-0123456789abcdef -->\n")).toBe(true);
    const at = (text: string) => body.indexOf(text);
    const order = ["## Overview", "### Phase 1: Foundations (blocking)", "### Phase 2: Implementation (parallel)", "### Phase 3: Cleanup (cleanup)", "## Acceptance criteria", "<details>", "```yaml", "</details>"];
    expect(order.map(at).every((index, i, all) => index >= 0 && (i === 0 || index > (all[i - 1] as number)))).toBe(true);
  });

  it("writes a child title on one line, ticked when done", () => {
    const phase = { number: 2, name: "Implementation", kind: "parallel" as const, children: [{ number: 7, title: "fix(api):\n  handle\tnil ", checked: true }] };
    expect(renderPhase(phase)).toEqual(["### Phase 2: Implementation (parallel)", "", "- [x] #7 - fix(api): handle nil"]);
  });
});

describe("parseEpicBody(renderEpicBody(…))", () => {
  it("gives back the marker fields, phases, children, titles and manifest", () => {
    expect(parseEpicBody(renderEpicBody(EPIC))).toEqual({
      theme: "security",
      slug: "security",
      batch: "b-0123456789abcdef",
      phases: PHASES,
      manifest: MANIFEST,
      duplicates: [],
    });
  });

  it("gives back what planEpics planned", () => {
    const input = [candidate(1, { framework: true, covers: [2, 3] }), ...candidates(2, 3, { type: "security", audit: 12 }), candidate(5, { type: "docs" })];
    const [epic] = planEpics({ candidates: input, epics: [], config: CONFIG, now: NOW }).epics;
    const document = parseEpicBody(epic?.body ?? "");
    expect(document.phases).toEqual(epic?.phases);
    expect(document.batch).toBe(epic?.batch);
    expect(document.manifest?.batch).toBe(epic?.batch);
    expect(document.manifest?.created).toBe("2026-11-22T09:00:00.000Z");
    expect(document.manifest?.tickets.map((ticket) => [ticket.issue, ticket.phase])).toEqual([[1, 1], [2, 2], [3, 2], [4, 2], [5, 3]]);
  });
});
