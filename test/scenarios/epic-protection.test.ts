import { afterEach, describe, expect, it } from "vitest";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { readyIssue } from "../helpers/ready-issue.js";

/*
 * `epics.protect`: Factory keeps a ruleset on its epic branches that asks
 * for what the default branch asks for, so a child cannot land on an epic
 * branch more easily than the epic lands on the default branch. It needs the
 * Administration permission, which the app does not ask for by default.
 */

const BOT = "factory[bot]";
const CONFIG = "_extends: .github\nepics:\n  protect: true\n";

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

async function epicReply(): Promise<string> {
  for (const what of ["alpha handler", "beta handler", "gamma handler"]) readyIssue(h, what);
  const comment = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
  await h.settle();
  return h.sandbox.comments("acme", "api", 1).find((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${comment.id} `))?.body ?? "";
}

function grantAdministration(): void {
  const installation = h.sandbox.store.installations.get(h.world.installationId);
  if (!installation) throw new Error("no installation");
  installation.permissions = { ...installation.permissions, administration: "write" };
}

const rulesets = () => [...h.sandbox.store.requireRepo("acme", "api").rulesets.values()];

describe("epics.protect", () => {
  it("mirrors the default branch's required checks and approvals in a ruleset on epic branches, once, and child pull requests then need them", async () => {
    h = await startFactory({ repoConfig: CONFIG });
    grantAdministration();
    h.sandbox.protectBranch({ owner: "acme", repo: "api", branch: "main", requiredChecks: ["lint"], approvals: 1 });
    h.sandbox.addRuleset({ owner: "acme", repo: "api", name: "main", requiredChecks: ["test"] });
    const reply = await epicReply();
    expect(reply).not.toContain("not protected");
    const made = rulesets().filter((r) => r.name === "Factory epic branches");
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ enforcement: "active", include: ["refs/heads/epic/**"] });
    expect(made[0]?.rules).toEqual([
      { type: "required_status_checks", parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: "lint" }, { context: "test" }] } },
      expect.objectContaining({ type: "pull_request", parameters: expect.objectContaining({ required_approving_review_count: 1 }) }),
    ]);
    // GitHub now reports a review decision on epic branches.
    const branch = h.sandbox.branches("acme", "api").find((b) => b.name.startsWith("epic/"))?.name as string;
    const pull = h.sandbox.as("mona").openPullRequest({ owner: "acme", repo: "api", head: "work", base: branch, title: "work", files: { "a.txt": "a" } }).number;
    const octokit = await h.run(h.probot.auth(h.world.installationId));
    const data = await h.run(
      octokit.graphql<{ repository: { pullRequest: { reviewDecision: string | null } } }>(`query($n: Int!) { repository(owner: "acme", name: "api") { pullRequest(number: $n) { reviewDecision } } }`, { n: pull }),
    );
    expect(data.repository.pullRequest.reviewDecision).toBe("REVIEW_REQUIRED");
    // A second epic run finds the ruleset as it should be and writes nothing to it.
    const calls = (get: boolean) => h.sandbox.requests.entries.filter((r) => /rulesets/.test(r.path ?? "") && (r.method === "GET") === get).length;
    const [reads, writes] = [calls(true), calls(false)];
    await epicReply();
    expect(calls(true)).toBeGreaterThan(reads);
    expect(calls(false)).toBe(writes);
  });

  it("says in the reply what is missing when the app has no Administration permission, and still makes the epic", async () => {
    h = await startFactory({ repoConfig: CONFIG });
    h.sandbox.protectBranch({ owner: "acme", repo: "api", branch: "main", requiredChecks: ["test"] });
    const reply = await epicReply();
    expect(reply).toContain("Epic branches are not protected: GitHub refused: `epics.protect` needs the app's Administration permission");
    expect(rulesets()).toEqual([]);
    expect(h.sandbox.branches("acme", "api").some((b) => b.name.startsWith("epic/"))).toBe(true);
  });

  it("says there is nothing to mirror when the default branch asks for nothing", async () => {
    h = await startFactory({ repoConfig: CONFIG });
    grantAdministration();
    expect(await epicReply()).toContain("`epics.protect` is on, but `main` requires no checks and no approvals");
    expect(rulesets()).toEqual([]);
  });
});
