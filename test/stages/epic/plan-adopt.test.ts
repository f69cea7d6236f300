import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/config/schema.js";
import { findMarker } from "../../../src/model/markers.js";
import { parseEpicBody } from "../../../src/model/parse-epic-body.js";
import { adoptRefusal, planAdopt, slugOf, type AdoptSnapshot, type ChildLookup } from "../../../src/stages/epic/plan-adopt.js";
import { renderAdoptAnswer, renderAdoptionRecord } from "../../../src/stages/epic/render-adopt-answer.js";

const config = configSchema.parse({});
const NOW = new Date("2026-03-01T12:00:00Z");
const BODY = [
  "## Overview",
  "",
  "One interface for every store.",
  "",
  "## Child Issues",
  "",
  "### Phase 1: Interface (blocking)",
  "- [ ] #12 - interface",
  "",
  "### Phase 2: Migrations (parallelisable)",
  "- [ ] #13 - settings",
  "- [ ] #14 - cache",
  "",
  "### Phase 3: Tidy up (cleanup)",
  "- [x] #15 - docs",
  "",
].join("\n");

const open = (number: number, labels: string[] = []): ChildLookup => ({ kind: "issue", number, id: 1000 + number, title: `quality(io): child ${number}`, state: "open", labels });

function snapshot(change: Partial<AdoptSnapshot> & { body?: string; issueLabels?: string[] } = {}): AdoptSnapshot {
  const { body, issueLabels, ...rest } = change;
  return {
    issue: { number: 10, title: "EPIC: Medium everywhere", body: body ?? BODY, state: "open", pullRequest: false, author: "mona", labels: issueLabels ?? [] },
    madeByFactory: false,
    adoptionRecorded: false,
    authorPermitted: true,
    permission: "write",
    children: new Map([12, 13, 14, 15].map((n) => [n, open(n)])),
    inOtherEpics: new Map(),
    epicBranches: [],
    repoLabels: new Set(),
    ...rest,
  };
}

const plan = (change: Parameters<typeof snapshot>[0] = {}) => planAdopt({ snapshot: snapshot(change), config, by: "mona", now: NOW });
const layout = (p: ReturnType<typeof plan>) => p.phases.map((phase) => `${phase.number} ${phase.name} (${phase.kind}): ${phase.children.map((c) => `#${c.number}${c.checked ? "x" : ""}`).join(" ")}`);

describe("adoptRefusal", () => {
  const gate = snapshot();
  it.each<[string, Partial<AdoptSnapshot["issue"]> & Partial<Omit<AdoptSnapshot, "issue">>, RegExp | undefined]>([
    ["an open issue a permitted user opened", {}, undefined],
    ["a pull request", { pullRequest: true }, /^#10 is a pull request; only an issue can be an epic\.$/],
    ["Factory's own epic", { madeByFactory: true }, /already Factory's epic: Factory made it/],
    ["an epic adopted before (record and label)", { adoptionRecorded: true, labels: ["Factory:Adopted"] }, /already Factory's epic: it was adopted before/],
    ["a half-done adoption (record, no label yet) is finished, not refused", { adoptionRecorded: true }, undefined],
    ["the label alone proves nothing", { labels: ["factory:adopted"] }, undefined],
    ["a closed issue", { state: "closed" }, /^#10 is closed; reopen it first/],
    ["an issue whose author lacks the permission", { authorPermitted: false, author: "visitor" }, /opened by visitor, who does not have the `write` permission.*copy the plan into an issue of their own/],
    ["an issue of a deleted account", { authorPermitted: false, author: null }, /opened by a deleted account/],
  ])("%s", (_name, change, expected) => {
    const { madeByFactory, adoptionRecorded, authorPermitted, ...issue } = change;
    const why = adoptRefusal(
      { ...gate, issue: { ...gate.issue, ...issue }, ...(madeByFactory === undefined ? {} : { madeByFactory }), ...(adoptionRecorded === undefined ? {} : { adoptionRecorded }), ...(authorPermitted === undefined ? {} : { authorPermitted }) },
      config,
    );
    if (expected === undefined) expect(why).toBeUndefined();
    else expect(why).toMatch(expected);
  });
});

describe("planAdopt", () => {
  it("keeps the phases, ticks closed children and unticks open ones, and plans body, record and labels in that order", () => {
    const result = plan({ children: new Map([...[12, 13, 15].map((n) => [n, open(n)] as const), [14, { ...open(14), state: "closed" } as ChildLookup]]) });
    expect(result.refused).toBeUndefined();
    expect(layout(result)).toEqual(["1 Interface (blocking): #12", "2 Migrations (parallel): #13 #14x", "3 Tidy up (cleanup): #15"]);
    expect(result.retick).toEqual([14, 15]);
    expect(result.actions.map((a) => a.kind)).toEqual(["editIssueBody", "comment", "ensureLabel", "ensureLabel", "addLabels"]);
    const [edit, record, , , labels] = result.actions;
    expect(edit).toMatchObject({ kind: "editIssueBody", issue: 10, expect: BODY });
    expect(record).toMatchObject({ kind: "comment", issue: 10, marker: { kind: "adopted", fields: { epic: "#10", by: "mona" } } });
    expect(labels).toMatchObject({ kind: "addLabels", issue: 10, labels: ["epic", "factory:adopted"] });
    expect(result.branch).toBe("epic/10-medium-everywhere");
    expect(result.branchReused).toBe(false);
  });

  it("writes Factory's epic body: its marker, the overview, the children's real titles and a manifest", () => {
    const result = plan();
    const body = (result.actions[0] as { body: string }).body;
    const marker = findMarker(body, "epic");
    expect(marker?.fields.theme).toBe("adopted");
    expect(marker?.fields.slug).toBe("medium-everywhere");
    expect(body).toContain("## Overview\n\nOne interface for every store.\n\n### Phase 1: Interface (blocking)\n\n- [ ] #12 - quality(io): child 12\n");
    const document = parseEpicBody(body);
    expect(document.manifest).toMatchObject({ theme: "adopted", created: NOW.toISOString(), batch: marker?.fields.batch });
    expect(document.manifest?.tickets.map((t) => [t.issue, t.phase, t.priority])).toEqual([[12, 1, "medium"], [13, 2, "medium"], [14, 2, "medium"], [15, 3, "medium"]]);
  });

  it("plans the very same body again from the body it wrote (a rerun writes nothing), and no second record once one is there", () => {
    const first = plan();
    const written = (first.actions[0] as { body: string }).body;
    const again = planAdopt({ snapshot: snapshot({ body: written, adoptionRecorded: true }), config, by: "rita", now: new Date("2026-03-02T00:00:00Z") });
    expect((again.actions[0] as { body: string }).body).toBe(written);
    expect(again.actions.map((a) => a.kind)).toEqual(["editIssueBody", "ensureLabel", "ensureLabel", "addLabels"]);
  });

  it("asks for no label or label creation that is already there", () => {
    const result = plan({ repoLabels: new Set(["epic", "factory:adopted"]), issueLabels: ["Epic"] });
    expect(result.actions.map((a) => (a.kind === "addLabels" ? `addLabels ${a.labels.join(",")}` : a.kind))).toEqual(["editIssueBody", "comment", "addLabels factory:adopted"]);
  });

  it("leaves out missing issues, pull requests, the epic itself, epics and children of another Factory epic, saying why", () => {
    const body = "- [ ] #12\n- [ ] #13\n- [ ] #14\n- [ ] #15\n- [ ] #10\n- [ ] #16\n- [ ] #17\n";
    const children = new Map<number, ChildLookup>([
      [12, open(12)],
      [13, { kind: "missing", number: 13 }],
      [14, { kind: "pull", number: 14 }],
      [15, open(15)],
      [16, open(16, ["Epic"])],
      [17, open(17)],
    ]);
    const result = plan({ body, children, inOtherEpics: new Map([[15, 3]]) });
    expect(layout(result)).toEqual(["1 all (parallel): #12 #17"]);
    expect(result.dropped).toEqual([
      { number: 13, reason: "no issue has this number in this repository" },
      { number: 14, reason: "it is a pull request, not an issue" },
      { number: 15, reason: "it is already in Factory's epic #3; take it out there first" },
      { number: 10, reason: "it is this epic itself" },
      { number: 16, reason: "it is an epic itself" },
    ]);
  });

  it("drops a phase left empty and numbers the rest from 1", () => {
    const result = plan({ children: new Map([[12, { kind: "missing", number: 12 }], ...[13, 14, 15].map((n) => [n, open(n)] as const)]) });
    expect(layout(result)).toEqual(["1 Migrations (parallel): #13 #14", "2 Tidy up (cleanup): #15"]);
  });

  it.each<[string, Parameters<typeof snapshot>[0], RegExp]>([
    ["a body without children", { body: "Thoughts about #12.\n\n- [ ] think\n" }, /^Factory found no child in #10's body\. It reads/],
    ["children none of which can be adopted", { children: new Map([12, 13, 14, 15].map((n) => [n, { kind: "missing", number: n }])) }, /^None of the children listed in #10 can be adopted\.$/],
    ["more children than GitHub links to one parent", { body: Array.from({ length: 101 }, (_, i) => `- [ ] #${i + 100}`).join("\n"), children: new Map() }, /lists 101 children; GitHub links at most 100 sub-issues/],
    ["a body too long for an epic", { body: `${"A long overview line.\n\n".repeat(2700)}- [ ] #12\n` }, /would take \d+ characters, over the 60000 an epic may have/],
  ])("refuses %s, planning no write", (_name, change, expected) => {
    const result = plan(change);
    expect(result.refused).toMatch(expected);
    expect(result.actions).toEqual([]);
  });

  it.each<[string, string[], string, boolean]>([
    ["no branch: one named after the title", [], "epic/10-medium-everywhere", false],
    ["a maintainer's branch for this epic is reused, its slug kept", ["epic/10-medium", "epic/10-zz-later"], "epic/10-medium", true],
    ["a branch Factory could not name again is not reused", ["epic/10-Medium_Work"], "epic/10-medium-everywhere", false],
  ])("branch: %s", (_name, epicBranches, branch, reused) => {
    const result = plan({ epicBranches });
    expect([result.branch, result.branchReused]).toEqual([branch, reused]);
    expect(findMarker((result.actions[0] as { body: string }).body, "epic")?.fields.slug).toBe(branch.slice("epic/10-".length));
  });

  it.each<[string, string]>([
    ["EPIC: MCP daemon", "mcp-daemon"],
    ["[Epic] Help system", "help-system"],
    ["epic(security): harden the API", "security-harden-the-api"],
    ["Epics we love", "epics-we-love"],
    ["Épic ✨", "epic"],
    ["Café à la carte", "cafe-a-la-carte"],
    ["Epic", "epic"],
    ["A very long title that goes on and on well past forty characters", "a-very-long-title-that-goes-on-and-on"],
  ])("slugOf(%s) is %s", (title, slug) => {
    expect(slugOf(title)).toBe(slug);
  });
});

describe("the adoption's words", () => {
  const result = plan({ children: new Map([...[12, 13].map((n) => [n, open(n)] as const), [14, { kind: "pull", number: 14 }], [15, { ...open(15), state: "closed" } as ChildLookup]]) });

  it("render the reply, the dry run and the record as golden text", async () => {
    await expect(renderAdoptAnswer({ plan: result, dryRun: false, outcome: { branchFrom: { branch: "main", sha: "0123456789abcdef" }, problems: [] } }).text).toMatchFileSnapshot("./__golden__/adopt-answer.md");
    await expect(renderAdoptAnswer({ plan: result, dryRun: true }).text).toMatchFileSnapshot("./__golden__/adopt-dry-run.md");
    await expect(renderAdoptionRecord({ plan: result, by: "mona" })).toMatchFileSnapshot("./__golden__/adopt-record.md");
  });

  it("say a refusal changed nothing, and a body edited meanwhile was not written over", () => {
    expect(renderAdoptAnswer({ plan: plan({ body: "nothing" }), dryRun: false })).toEqual({ ok: false, text: expect.stringMatching(/^Nothing was adopted\. Factory found no child/) });
    expect(renderAdoptAnswer({ plan: result, dryRun: false, outcome: { bodyRefused: "#10 was edited after Factory read it", problems: [] } }).text).toBe(
      "Nothing was adopted: #10 was edited after Factory read it, so Factory did not write over the change. Run `/factory adopt` again to adopt the body as it is now.",
    );
  });

  it("never mention anyone: the login and the maintainer's lines are in code spans", () => {
    const shown = plan({ body: "- [ ] #12\n- [ ] @acme/admins see #13\n" });
    const text = renderAdoptAnswer({ plan: shown, dryRun: true }).text;
    expect(text).toContain("`- [ ] @acme/admins see #13`");
    expect(renderAdoptionRecord({ plan: shown, by: "mona" })).toContain("at `mona`'s request");
  });
});
