import { describe, expect, it } from "vitest";
import { refText } from "../../../src/model/action.js";
import { describeActions } from "../../../src/stages/describe-action.js";
import { planEpicFlow } from "../../../src/stages/epic/plan-epic-flow.js";
import type { EpicsObservation } from "../../../src/stages/epic/read-epics.js";
import { renderEpicBody } from "../../../src/model/render-epic-body.js";
import { parseEpicBody } from "../../../src/model/parse-epic-body.js";
import { CONFIG, NOW, candidates } from "./make-candidate.js";
import { EPIC } from "./epic-body-fixture.js";

const HEAD = { branch: "main", sha: "0123456789abcdef0123456789abcdef01234567" };

function seen(overrides: Partial<EpicsObservation> = {}): EpicsObservation {
  const open = candidates(1, 4, { type: "security", audit: 12 });
  return {
    candidates: open,
    epics: [],
    createdAt: new Map(),
    facts: new Map(),
    ids: new Map(open.map((c) => [c.number, 1000 + c.number])),
    labels: new Set(["epic"]),
    defaultHead: HEAD,
    ...overrides,
  };
}

describe("planEpicFlow: one plan makes an epic and everything that hangs on its number", () => {
  it("creates the epic by ref, then its branch, a Parent comment and a sub-issue link per child, and the ready comment, all naming it by ref", () => {
    const { actions, reply } = planEpicFlow({ seen: seen(), config: CONFIG, now: NOW });
    const batch = reply.plan.epics[0]?.batch as string;
    const ref = `epic:${batch}`;
    // The ready comment comes before the links: a run that dies while linking leaves something a later run sees is missing.
    expect(actions.map((a) => a.kind)).toEqual(["createIssue", "createBranch", "comment", ...Array(4).fill(["comment", "addSubIssue"]).flat()]);
    expect(actions[0]).toMatchObject({ kind: "createIssue", ref, labels: ["epic"] });
    expect(actions[1]).toMatchObject({ kind: "createBranch", branch: `epic/${refText(ref)}-security`, sha: HEAD.sha });
    expect(actions[2]).toMatchObject({ kind: "comment", issue: { ref }, marker: { kind: "epic-ready" } });
    expect(actions[3]).toMatchObject({ kind: "comment", issue: 1, body: `Parent: #${refText(ref)}`, marker: { kind: "parent", fields: { epic: `#${refText(ref)}` } } });
    expect(actions[4]).toMatchObject({ kind: "addSubIssue", parent: { ref }, childId: 1001, child: 1 });
    expect(describeActions(actions).slice(0, 5)).toEqual([
      "create the issue `epic(security): 4 security issues from audit #12` labelled `epic`",
      "create the branch `epic/<number>-security` at 0123456",
      "comment on the new issue `epic(security): 4 security issues from audit #12` that it is ready for `/factory dispatch next`",
      "comment on #1 which epic it belongs to",
      "link #1 as a sub-issue of the new issue `epic(security): 4 security issues from audit #12`",
    ]);
  });

  it("gives an existing Factory epic only what it lacks: no branch when it has one, no link for a child linked already, and nothing at all when complete", () => {
    const phases = [{ number: 1, name: "Implementation", kind: "parallel" as const, children: [1, 2].map((n) => ({ number: n, title: `t${n}`, checked: false })) }];
    const body = renderEpicBody({ ...EPIC, theme: "quality", slug: "quality", phases });
    const epic = { number: 9, title: "epic(quality)", document: parseEpicBody(body), factory: true };
    const facts = new Map([[9, { branchExists: true, linked: new Set([1]), ids: new Map([[2, 1002]]) }]]);
    const { actions } = planEpicFlow({ seen: seen({ candidates: [], epics: [epic], facts, createdAt: new Map([[9, "2026-11-01T00:00:00Z"]]) }), config: CONFIG, now: NOW });
    // Something was missing, so a crash may also have kept the ready comment from being posted: the executor looks for it first.
    expect(actions.slice(0, 1)).toMatchObject([{ kind: "comment", key: "epic-ready:9", issue: 9, marker: { kind: "epic-ready" } }]);
    expect(actions.slice(1)).toEqual([
      { kind: "comment", key: "parent:2:9", issue: 2, body: "Parent: #9", marker: { kind: "parent", fields: { epic: "#9" } }, since: "2026-11-01T00:00:00Z" },
      { kind: "addSubIssue", key: "sub:9:2", parent: 9, childId: 1002, child: 2 },
    ]);
    // Nothing missing: nothing planned, not even a look for the ready comment.
    const complete = new Map([[9, { branchExists: true, linked: new Set([1, 2]), ids: new Map() }]]);
    expect(planEpicFlow({ seen: seen({ candidates: [], epics: [epic], facts: complete }), config: CONFIG, now: NOW }).actions).toEqual([]);
  });

  it("says there is nothing to mirror when epics.protect is on and the default branch requires nothing", () => {
    const config = { ...CONFIG, epics: { ...CONFIG.epics, protect: true } };
    const { actions, reply } = planEpicFlow({ seen: seen({ protect: { rules: { branch: "main", requiredChecks: [], approvals: 0 } } }), config, now: NOW });
    expect(actions.some((a) => a.kind === "ensureRuleset")).toBe(false);
    expect(reply.notes).toEqual(["`epics.protect` is on, but `main` requires no checks and no approvals: there is nothing to mirror on epic branches"]);
    const ruled = planEpicFlow({ seen: seen({ protect: { rules: { branch: "main", requiredChecks: ["test"], approvals: 1 } } }), config, now: NOW });
    expect(ruled.actions.at(-1)).toMatchObject({ kind: "ensureRuleset", requiredChecks: ["test"], approvals: 1 });
  });
});
