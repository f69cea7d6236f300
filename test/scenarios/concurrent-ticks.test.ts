import { afterEach, describe, expect, it } from "vitest";
import { applyActions } from "../../src/github/executor/apply-actions.js";
import type { Octokit } from "../../src/github/octokit.js";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const BODY = ["### Phase 1: Implementation (parallel)", "", "- [ ] #11 - one", "- [ ] #12 - two", "- [ ] #13 - three", "", "## Acceptance criteria", "", "- [ ] done", ""].join("\n");

describe("ticking an epic from two workers at once", () => {
  it("keeps both ticks when two merges land together and both workers read the same old body", async () => {
    h = await startFactory();
    const children = ["one", "two", "three"].map((title) => h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title, body: "" }).number);
    const body = BODY.replace("#11", `#${children[0]}`).replace("#12", `#${children[1]}`).replace("#13", `#${children[2]}`);
    const epic = h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: "epic(quality): three", body }).number;
    // Both pull requests merged: the monitor closes each child before it ticks it.
    for (const child of children.slice(0, 2)) h.sandbox.as("mona").closeIssue({ owner: "acme", repo: "api", issue: child as number, reason: "completed" });
    await h.settle();
    // Two workers (two processes in production) with their own clients, racing on the same body.
    const one = (await h.run(h.probot.auth(h.world.installationId))) as unknown as Octokit;
    const two = (await h.run(h.probot.auth(h.world.installationId))) as unknown as Octokit;
    // Every body write is held back, so both read the same old body before either writes.
    h.sandbox.faults.add({ method: "PATCH", route: "/repos/{owner}/{repo}/issues/{issue_number}", latencyMs: 60, times: 2 });
    const repo = { owner: "acme", repo: "api" };
    const [a, b] = await h.run(Promise.all([
      applyActions({ octokit: one, repo, identity: { login: "factory[bot]" }, actions: [{ kind: "setTicks", key: "a", epic, tick: [children[0] as number], untick: [] }] }),
      applyActions({ octokit: two, repo, identity: { login: "factory[bot]" }, actions: [{ kind: "setTicks", key: "b", epic, tick: [children[1] as number], untick: [] }] }),
    ]));
    expect([a[0]?.outcome, b[0]?.outcome]).toEqual(["done", "done"]);
    const lines = parseEpicBody(h.sandbox.issue("acme", "api", epic).body as string).phases[0]?.children ?? [];
    expect(lines.map((c) => [c.number, c.checked])).toEqual([
      [children[0], true],
      [children[1], true],
      [children[2], false],
    ]);
  });
});
