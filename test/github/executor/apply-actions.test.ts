import { afterEach, describe, expect, it } from "vitest";
import { applyActions } from "../../../src/github/executor/apply-actions.js";
import type { Octokit } from "../../../src/github/octokit.js";
import { refText, type Action } from "../../../src/model/action.js";
import { startFactory, type FactoryHarness } from "../../helpers/factory-harness.js";

/*
 * The executor applies a whole plan: issues it creates are named by refs that
 * later actions use, units fail alone, and a payment the ledger refused stops
 * what it was to pay for.
 */

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const repo = { owner: "acme", repo: "api" };

async function apply(actions: Action[]) {
  const octokit = (await h.run(h.probot.auth(h.world.installationId))) as unknown as Octokit;
  return h.run(applyActions({ octokit, repo, identity: { login: "factory[bot]" }, actions }));
}

const bodyOf = (number: number) => h.sandbox.comments("acme", "api", number).map((comment) => comment.body);

describe("applyActions: one plan that creates what it then uses", () => {
  it("puts the new issue's number into later actions: its branch, its sub-issue and comments naming it", async () => {
    h = await startFactory();
    const child = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "Fix the parser" });
    const head = h.sandbox.branches("acme", "api").find((branch) => branch.name === "main")?.sha as string;
    const applied = await apply([
      { kind: "createIssue", key: "epic", ref: "epic:b-1", title: "epic(quality): 1 issue", body: "The plan", labels: [], marker: { kind: "epic", fields: { batch: "b-1" } } },
      { kind: "createBranch", key: "branch", branch: `epic/${refText("epic:b-1")}-quality`, sha: head },
      { kind: "comment", key: "parent", issue: child.number, body: `Parent: #${refText("epic:b-1")}`, marker: { kind: "parent", fields: { epic: `#${refText("epic:b-1")}` } } },
      { kind: "addSubIssue", key: "sub", parent: { ref: "epic:b-1" }, childId: child.id, child: child.number },
      { kind: "comment", key: "ready", issue: { ref: "epic:b-1" }, body: `Ready on \`epic/${refText("epic:b-1")}-quality\`; ${refText("someone-else")} stays text`, marker: { kind: "epic-ready", fields: {} } },
    ]);
    const epic = applied[0]?.number as number;
    expect(applied.map((done) => done.outcome)).toEqual(["done", "done", "done", "done", "done"]);
    expect(h.sandbox.branches("acme", "api").map((branch) => branch.name)).toContain(`epic/${epic}-quality`);
    expect(bodyOf(child.number)[0]).toMatch(new RegExp(`^Parent: #${epic}\\n\\n<!-- factory:parent epic=#${epic} -->`));
    expect(h.sandbox.issue("acme", "api", epic).sub_issues_summary).toMatchObject({ total: 1 });
    expect(bodyOf(epic)[0]).toContain(`Ready on \`epic/${epic}-quality\`; ${refText("someone-else")} stays text`);
    // The plan as given stays as planned: what was applied is reported against it.
    expect(applied[3]?.action).toMatchObject({ parent: { ref: "epic:b-1" } });
  });

  it("refuses an action that points at an issue the plan has not created, writing nothing for it", async () => {
    h = await startFactory();
    await expect(apply([{ kind: "comment", key: "ready", issue: { ref: "epic:b-9" }, body: "x", marker: { kind: "epic-ready", fields: {} } }])).rejects.toMatchObject({
      message: "Could not comment (ready)",
      cause: { message: "the plan refers to issue epic:b-9, which it has not created" },
    });
  });
});

describe("applyActions: units", () => {
  it("skips the rest of a failed unit and goes on with the next one", async () => {
    h = await startFactory();
    const a = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "A" });
    const b = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "B" });
    h.sandbox.faults.add({ method: "POST", route: "/repos/{owner}/{repo}/issues/{issue_number}/labels", status: 404, times: 1 });
    const applied = await apply([
      { kind: "addLabels", key: "trigger:a", unit: "a", issue: a.number, labels: ["jules"] },
      { kind: "comment", key: "dispatch:a", unit: "a", issue: a.number, body: "Handed over", marker: { kind: "dispatch", fields: { key: "a" } } },
      { kind: "addLabels", key: "trigger:b", unit: "b", issue: b.number, labels: ["jules"] },
      { kind: "comment", key: "dispatch:b", unit: "b", issue: b.number, body: "Handed over", marker: { kind: "dispatch", fields: { key: "b" } } },
    ]);
    expect(applied.map((done) => done.outcome)).toEqual(["failed", "skipped", "done", "done"]);
    expect(applied[0]?.reason).toMatch(/^Could not addLabels \(trigger:a\): /);
    expect(bodyOf(a.number)).toEqual([]);
    expect(bodyOf(b.number)).toHaveLength(1);
  });

  it("stops at a ledger payment another writer beat: nothing it was to pay for is written", async () => {
    h = await startFactory();
    const a = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "A" });
    const file = { owner: "acme", repo: "api", branch: "main", path: "ledger/2026-12.jsonl" };
    const applied = await apply([
      { kind: "appendLedger", key: "pay:a", file, read: { text: "", sha: "0000000000000000000000000000000000000000" }, records: [{ key: "a", kind: "dispatch" }], message: "factory: dispatch a" },
      { kind: "addLabels", key: "trigger:a", unit: "a", issue: a.number, labels: ["jules"] },
    ]);
    expect(applied.map((done) => done.outcome)).toEqual(["refused", "skipped"]);
    expect(h.sandbox.issue("acme", "api", a.number).labels).toEqual([]);
    expect(h.sandbox.file("acme", "api", "main", file.path)).toBeUndefined();
  });
});
