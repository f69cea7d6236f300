import { describe, expect, it } from "vitest";
import type { EpicPlan, ExistingEpic } from "../../../src/stages/epic/plan-epics.js";
import { renderEpicAnswer, type EpicAnswerInput } from "../../../src/stages/epic/render-epic-answer.js";
import { renderEpicPlan } from "../../../src/stages/epic/render-epic-plan.js";
import { PHASES } from "./epic-body-fixture.js";

const EMPTY: EpicPlan = { epics: [], extensions: [], direct: [], cycles: [] };

const PLAN: EpicPlan = {
  epics: [{ theme: "security", slug: "security", title: "epic(security): 4 security issues from audit #12", body: "", phases: PHASES, children: [40, 41, 42, 43], batch: "b-1" }],
  extensions: [{ epic: 50, phases: [{ number: 3, name: "Implementation", kind: "parallel", children: [{ number: 60, title: "t", checked: false }, { number: 61, title: "t", checked: false }] }], children: [60, 61] }],
  direct: [70, 71],
  cycles: [[7, 8]],
};

const EPIC_50: ExistingEpic = { number: 50, title: "epic(testing): 3 testing issues", document: { phases: [], duplicates: [] }, factory: true };

describe("renderEpicPlan", () => {
  it("lists epics with their phases, extensions, direct issues and cycles", () => {
    expect(renderEpicPlan({ plan: PLAN, epics: [EPIC_50], prefix: "epic/" }).split("\n")).toEqual([
      "- create **epic(security): 4 security issues from audit #12**, branch `epic/<number>-security`:",
      "  - Phase 1: Foundations (blocking): #40",
      "  - Phase 2: Implementation (parallel): #41, #42",
      "  - Phase 3: Cleanup (cleanup): #43",
      "- extend #50 epic(testing): 3 testing issues with #60, #61 in 1 new phase",
      "- leave #70, #71 out of epics, for direct dispatch (too few to group)",
      "- ⚠️ #7 → #8 → #7 depend on each other in a cycle; they stay out of epics until a `Depends on` or `Blocked by` link is removed",
    ]);
  });

  it("names a three-issue cycle, and phases in the plural", () => {
    const plan: EpicPlan = { ...EMPTY, extensions: [{ ...(PLAN.extensions[0] as EpicPlan["extensions"][number]), phases: PHASES }], cycles: [[3, 5, 9]] };
    const text = renderEpicPlan({ plan, epics: [EPIC_50], prefix: "epic/" });
    expect(text).toContain("- extend #50 epic(testing): 3 testing issues with #60, #61 in 3 new phases");
    expect(text).toContain("- ⚠️ #3 → #5 → #9 → #3 depend on each other in a cycle");
  });

  it.each<[string, EpicPlan, string]>([
    ["nothing waiting", EMPTY, "No open implementation issue is waiting for an epic."],
    ["only a cycle", { ...EMPTY, cycles: [[7, 8]] }, "No open implementation issue is waiting for an epic.\n- ⚠️ #7 → #8 → #7 depend"],
  ])("says so when there is %s", (_name, plan, start) => {
    expect(renderEpicPlan({ plan, epics: [], prefix: "epic/" }).startsWith(start)).toBe(true);
  });
});

describe("renderEpicAnswer", () => {
  const input = (overrides: Partial<EpicAnswerInput> = {}): EpicAnswerInput => ({ plan: EMPTY, created: [], extended: [], problems: [], ...overrides });
  const options = { directLabel: "factory:direct" };

  it("says Nothing to do when nothing happened", () => {
    const answer = renderEpicAnswer(input(), options);
    expect(answer.ok).toBe(true);
    expect(answer.text).toMatch(/^Nothing to do: /);
  });

  it("lists epics created, extended and issues left for direct dispatch", () => {
    const answer = renderEpicAnswer(
      input({
        plan: { ...EMPTY, direct: [70, 71] },
        created: [{ number: 90, title: "epic(security): 4 security issues", branch: "epic/90-security", children: 4, phases: 3 }, { number: 91, title: "epic(docs): 3 docs issues", branch: "epic/91-docs", children: 3, phases: 1 }],
        extended: [{ epic: 50, children: [60, 61] }],
      }),
      options,
    );
    expect(answer).toEqual({
      ok: true,
      text: [
        "- created #90 with 4 children in 3 phases, branch `epic/90-security`",
        "- created #91 with 3 children in 1 phase, branch `epic/91-docs`",
        "- added #60, #61 to #50 in new phases at its end",
        "- #70, #71: too few to group, labelled `factory:direct` for direct dispatch",
      ].join("\n"),
    });
  });

  it.each<[string, Partial<EpicAnswerInput>, string]>([
    ["a cycle", { plan: { ...EMPTY, cycles: [[7, 8]] } }, "- ⚠️ #7 → #8 → #7 depend on each other in a cycle"],
    ["a link problem", { problems: ["could not link #41 to #90 as a sub-issue: #90 already has 100"] }, "- ⚠️ could not link #41 to #90 as a sub-issue: #90 already has 100"],
  ])("is not ok with %s", (_name, overrides, start) => {
    const answer = renderEpicAnswer(input({ ...overrides, created: [{ number: 90, title: "t", branch: "epic/90-security", children: 3, phases: 1 }] }), options);
    expect(answer.ok).toBe(false);
    expect(answer.text.split("\n")[1]?.startsWith(start)).toBe(true);
  });

  it("passes a dry run through, changing nothing", () => {
    expect(renderEpicAnswer(input({ plan: PLAN, dryRun: "- create **x**" }), options)).toEqual({
      ok: true,
      text: "**Dry run:** nothing was changed. Factory would:\n\n- create **x**",
    });
  });
});
