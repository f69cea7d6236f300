import { afterEach, describe, expect, it } from "vitest";
import type { FactoryHarness } from "../helpers/factory-harness.js";
import { epicWithOpenPulls } from "../helpers/epic-with-open-pulls.js";

/**
 * What a monitor pass costs in GraphQL points on a big epic: GitHub gives an
 * installation 5,000 an hour, and an epic's pull requests send events all day.
 */
let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

async function bigEpic(size: number, options: { dashboards?: boolean } = {}) {
  const made = await epicWithOpenPulls(size, options);
  h = made.h;
  return made;
}

describe("the GraphQL points of a monitor pass", () => {
  it("reads it in two queries of 5 points together, a third of one point to count reviews, nothing two levels deep", async () => {
    const { pulls } = await bigEpic(60);
    h.sandbox.requests.reset();
    const head = h.sandbox.snapshot().pulls.find((p) => p.number === pulls[0])?.headSha as string;
    h.sandbox.ci.complete({ owner: "acme", repo: "api", sha: head, name: "test", conclusion: "success" });
    await h.settle();
    const graphql = Object.fromEntries(h.sandbox.requests.graphql.entries());
    // The pull request whose CI just passed has no review decision (no review rule): its reviews are counted in a small third query.
    expect(Object.keys(graphql).sort()).toEqual(["FactoryApprovals", "FactoryEpic", "FactoryEpicBody"]);
    expect(graphql.FactoryApprovals).toEqual({ count: 1, cost: 1 });
    expect(graphql.FactoryEpicBody).toEqual({ count: 1, cost: 1 });
    expect(graphql.FactoryEpic?.count).toBe(1);
    // A page of 65 open pull requests × 4 one-deep connections, 100 finished ones' comments, 60 children's labels.
    expect(graphql.FactoryEpic?.cost).toBe(4);
    // Now waiting for a review instead of CI: the only write is its Factory check run saying so.
    expect([...h.sandbox.requests.rest.keys()].filter((route) => !route.startsWith("GET "))).toEqual(["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]);
    expect(h.sandbox.requests.rest.get("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}")).toBe(1);
  });

  it("asks small epics for small pages", async () => {
    await bigEpic(5);
    h.sandbox.requests.reset();
    h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory sync" });
    await h.settle();
    expect(h.sandbox.requests.graphql.get("FactoryEpic")).toEqual({ count: 1, cost: 1 });
  });

  it("reads threads' times only for the pull request whose agent answered a reviews request", async () => {
    const { children, pulls } = await bigEpic(60);
    const [first] = pulls as [number];
    const sha = () => h.sandbox.snapshot().pulls.find((p) => p.number === first)?.headSha as string;
    h.sandbox.ci.complete({ owner: "acme", repo: "api", sha: sha(), name: "test", conclusion: "success" });
    h.sandbox.createUser("rita");
    h.sandbox.addCollaborator({ owner: "acme", repo: "api", login: "rita", permission: "write" });
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull: first, event: "REQUEST_CHANGES", threads: [{ path: `changes/${children[0]}.md`, body: "rename" }] });
    await h.settle();
    expect(h.sandbox.comments("acme", "api", first).map((c) => c.body.split("\n")[0])).toContain("Can you fix the code reviews?");
    expect(h.sandbox.requests.graphql.get("FactoryThreadTimes")).toBeUndefined();

    const branch = h.sandbox.snapshot().pulls.find((p) => p.number === first)?.head as string;
    h.sandbox.requests.reset();
    h.sandbox.as("mona").pushCommit({ owner: "acme", repo: "api", branch, files: { "changes/renamed.md": "y\n" } });
    await h.settle();
    expect(h.sandbox.requests.graphql.get("FactoryThreadTimes")?.count).toBeGreaterThan(0);
    expect(h.sandbox.requests.graphql.get("FactoryThreadTimes")?.cost).toBe(1);
    expect(h.sandbox.snapshot().pulls.find((p) => p.number === first)?.threads.every((t) => t.resolved)).toBe(true);
  });

  it("lets the dashboard reuse the pass's read of the epic while the open issues agree with it", async () => {
    const { epic, children, pulls } = await bigEpic(20, { dashboards: true });
    const dashboard = () => (h.sandbox.issues("acme", "api") as Array<{ body: string | null }>).find((i) => (i.body ?? "").includes("<!-- factory:dashboard -->"))?.body ?? "";
    h.sandbox.requests.reset();
    const head = h.sandbox.snapshot().pulls.find((p) => p.number === pulls[0])?.headSha as string;
    h.sandbox.ci.complete({ owner: "acme", repo: "api", sha: head, name: "test", conclusion: "failure" });
    await h.settle();
    // The monitor read the epic and asked for a fix; the dashboard that followed showed it without reading again.
    expect(h.sandbox.comments("acme", "api", pulls[0] as number).map((c) => c.body.split("\n")[0])).toContain("Can you fix the failing checks: `test`?");
    const passes = h.sandbox.requests.graphql.get("FactoryEpicBody")?.count ?? 0;
    expect(passes).toBeGreaterThan(0);
    expect(h.sandbox.requests.graphql.get("FactoryEpic")?.count).toBe(passes);
    expect(dashboard()).toContain(`| #${pulls[0]} | #${children[0]} | #${epic} | waiting for the agent to fix the failing checks |`);

    // A person ticks a child by hand, then asks for the status: the status reads the epic, and so does the dashboard
    // after it, as the remembered read no longer matches the body.
    const body = (h.sandbox.issue("acme", "api", epic) as { body: string }).body;
    h.sandbox.as("mona").editIssue({ owner: "acme", repo: "api", issue: epic, body: body.replace("- [ ] #", "- [x] #") });
    await h.settle();
    h.sandbox.requests.reset();
    h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: "/factory status" });
    await h.settle();
    expect(h.sandbox.requests.graphql.get("FactoryEpic")?.count).toBe(2);
    // Asked again with nothing changed, only the status reads it.
    h.sandbox.requests.reset();
    h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: "/factory status" });
    await h.settle();
    expect(h.sandbox.requests.graphql.get("FactoryEpic")?.count).toBe(1);
  });
});
