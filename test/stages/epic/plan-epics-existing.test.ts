import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import type { Candidate } from "../../../src/stages/epic/candidate.js";
import { insertPhases } from "../../../src/model/insert-phases.js";
import { parseEpicBody } from "../../../src/model/parse-epic-body.js";
import { planEpics, type ExistingEpic } from "../../../src/stages/epic/plan-epics.js";
import { CONFIG, NOW, candidate, candidates, layout } from "./make-candidate.js";

/** An open epic as Factory would have made it from `children`, parsed back from its body. */
function existing(number: number, children: Candidate[], options: { factory?: boolean; config?: typeof CONFIG } = {}): ExistingEpic & { body: string } {
  const config = options.config ?? CONFIG;
  const [epic] = planEpics({ candidates: children, epics: [], config, now: NOW }).epics;
  if (!epic) throw new Error("no epic planned");
  return { number, title: epic.title, document: parseEpicBody(epic.body), factory: options.factory ?? true, body: epic.body };
}

/** Security epic #50: #1 critical (phase 1, blocking), #2 and #3 (phase 2, parallel). */
const securityEpic = () =>
  existing(50, [candidate(1, { type: "security", severity: "critical" }), ...candidates(2, 2, { type: "security" })]);

describe("planEpics with open epics", () => {
  it("reads back the epic it extends", () => {
    const epic = securityEpic();
    expect(epic.document.theme).toBe("security");
    expect(layout(epic.document.phases)).toEqual(["blocking:#1", "parallel:#2,#3"]);
  });

  it("extends an open Factory epic of the same theme, phases numbered and named after its own", () => {
    const epic = securityEpic();
    const plan = planEpics({
      candidates: [candidate(61, { type: "security", title: "security(api): check origin" }), candidate(60, { type: "security", dependsOn: [61] })],
      epics: [epic],
      config: CONFIG,
      now: NOW,
    });
    expect(plan.epics).toEqual([]);
    expect(plan.direct).toEqual([]);
    expect(plan.extensions).toEqual([
      {
        epic: 50,
        phases: [
          { number: 3, name: "Foundations 2", kind: "blocking", children: [{ number: 61, title: "security(api): check origin", checked: false }] },
          { number: 4, name: "Implementation 2", kind: "parallel", children: [{ number: 60, title: "fix(core): issue 60", checked: false }] },
        ],
        children: [61, 60],
      },
    ]);
  });

  it("extends only the epic of the matching theme, and groups the rest", () => {
    const plan = planEpics({
      candidates: [candidate(60, { type: "security" }), ...candidates(70, 3, { type: "testing" })],
      epics: [securityEpic()],
      config: CONFIG,
      now: NOW,
    });
    expect(plan.extensions.map((extension) => [extension.epic, extension.children])).toEqual([[50, [60]]]);
    expect(plan.epics.map((epic) => [epic.theme, epic.children])).toEqual([["testing", [70, 71, 72]]]);
  });

  it("fills an epic only up to maxChildren and plans a new epic for the rest", () => {
    const plan = planEpics({ candidates: candidates(60, 10, { type: "security" }), epics: [securityEpic()], config: CONFIG, now: NOW });
    expect(plan.extensions.map((extension) => extension.children)).toEqual([[60, 61, 62, 63, 64, 65, 66]]);
    expect(plan.epics.map((epic) => epic.children)).toEqual([[67, 68, 69]]);
  });

  it.each<[string, () => ExistingEpic, typeof CONFIG]>([
    ["a full epic", () => existing(50, candidates(1, 4, { type: "security" }), { config: configSchema.parse({ epics: { maxChildren: 4 } }) }), configSchema.parse({ epics: { maxChildren: 4 } })],
    ["an epic Factory did not make", () => existing(50, candidates(1, 3, { type: "security" }), { factory: false }), CONFIG],
    ["an epic of another theme", () => existing(50, candidates(1, 3, { type: "testing" })), CONFIG],
  ])("does not extend %s", (_name, epic, config) => {
    const plan = planEpics({ candidates: candidates(60, 3, { type: "security" }), epics: [epic()], config, now: NOW });
    expect(plan.extensions).toEqual([]);
    expect(plan.epics.map((planned) => [planned.theme, planned.children])).toEqual([["security", [60, 61, 62]]]);
  });

  it("gives an extension whose phases insertPhases writes into the epic body", () => {
    const epic = securityEpic();
    const plan = planEpics({ candidates: candidates(60, 2, { type: "security" }), epics: [epic], config: CONFIG, now: NOW });
    const body = insertPhases(epic.body, plan.extensions[0]?.phases ?? []);
    expect(layout(parseEpicBody(body ?? "").phases)).toEqual(["blocking:#1", "parallel:#2,#3", "parallel:#60,#61"]);
    expect(parseEpicBody(body ?? "").phases.map((phase) => phase.number)).toEqual([1, 2, 3]);
  });

  it("fills an epic's last free slot by priority, whatever the input order", () => {
    const config = configSchema.parse({ epics: { maxChildren: 4 } });
    const epic = existing(50, candidates(1, 3, { type: "security" }));
    for (const input of [
      [candidate(61, { type: "security", severity: "low" }), candidate(60, { type: "security", severity: "critical" })],
      [candidate(60, { type: "security", severity: "critical" }), candidate(61, { type: "security", severity: "low" })],
    ]) {
      const plan = planEpics({ candidates: input, epics: [epic], config, now: NOW });
      expect(plan.extensions.map((extension) => extension.children)).toEqual([[60]]);
      expect(plan.direct).toEqual([61]);
    }
  });
});
