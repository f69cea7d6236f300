import { afterEach, describe, expect, it, vi } from "vitest";
import type { AgentActor } from "@factory/sandbox";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { readyIssue } from "../helpers/ready-issue.js";

/*
 * GitHub refuses to arm auto-merge where the repository does not allow it
 * (off by default), on a base no rule protects, and on a pull request that
 * can merge right now. Factory reads all three in its snapshot, merges the
 * ready pull request itself instead of asking to be refused, and says why on
 * its check run. Where GitHub refuses for a reason Factory cannot see
 * coming — the pull request turned unstable, or the app may not arm it —
 * nothing merges and the check run says why.
 */

const CONFIG = ["_extends: .github", "agents:", "  - name: openhands", "dispatch:", "  auto: false", ""].join("\n");

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const pullOf = (n: number) => h.sandbox.snapshot().pulls.find((p) => p.repo === "acme/api" && p.number === n);

async function say(body: string, on: number) {
  h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
}

/** One dispatched child whose agent opened its pull request into the epic branch; `before` shapes the repository first. */
async function onePullRequest(before: (epicBranch: string) => void): Promise<{ pull: number; agent: AgentActor }> {
  h = await startFactory({ repoConfig: CONFIG, clock: new VirtualClock() });
  h.sandbox.createUser("rita");
  h.sandbox.addCollaborator({ owner: "acme", repo: "api", login: "rita", permission: "write" });
  const agent = h.sandbox.addAgent({ preset: "openhands" });
  const made = ["alpha handler", "beta handler", "gamma handler"].map((what) => readyIssue(h, what));
  await say("/factory epic", 1);
  const epic = (h.sandbox.issues("acme", "api") as Array<{ number: number; body: string | null }>).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
  before(h.sandbox.branches("acme", "api").find((b) => b.name.startsWith(`epic/${epic}-`))?.name as string);
  await say(`/factory dispatch #${made[0]}`, epic);
  await agent.work();
  await h.settle();
  return { pull: agent.tasks.find((t) => t.issue === made[0])?.pull as number, agent };
}

/** CI passes on the head and rita approves: the pull request is ready by Factory's rule. */
async function ready(pull: number) {
  h.sandbox.ci.complete({ owner: "acme", repo: "api", sha: pullOf(pull)?.headSha as string, name: "test", conclusion: "success" });
  h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull, event: "APPROVE" });
  await h.settle();
}

/** The summary of Factory's check run on the pull request's (last) head. */
function factoryCheck(pull: number): string {
  const sha = pullOf(pull)?.headSha;
  const runs = [...h.sandbox.store.requireRepo("acme", "api").checkRuns.values()].filter((run) => run.name === "Factory" && run.headSha === sha);
  return runs.at(-1)?.output?.summary ?? "";
}

const armed = () => h.sandbox.requests.graphql.get("FactoryAutoMerge")?.count ?? 0;

describe("where GitHub would refuse auto-merge, Factory merges and says why", () => {
  it("the repository does not allow auto-merge (github.com's default)", async () => {
    const { pull } = await onePullRequest(() => {});
    await ready(pull);
    expect(pullOf(pull)?.merged).toBe(true);
    expect(factoryCheck(pull)).toContain("Factory merges it now (the repository does not allow auto-merge)");
    expect(armed()).toBe(0);
  });

  it("auto-merge allowed, but no rule protects the epic branch", async () => {
    const { pull } = await onePullRequest(() => h.sandbox.setMergeSettings({ owner: "acme", repo: "api", allowAutoMerge: true }));
    await ready(pull);
    expect(pullOf(pull)?.merged).toBe(true);
    expect(factoryCheck(pull)).toMatch(/Factory merges it now \(no branch rule protects `epic\/[^`]+`, so GitHub will not arm auto-merge there\)/);
    expect(armed()).toBe(0);
  });

  it("auto-merge allowed on a protected epic branch, and the pull request can merge right now", async () => {
    const { pull } = await onePullRequest(() => {
      h.sandbox.setMergeSettings({ owner: "acme", repo: "api", allowAutoMerge: true });
      h.sandbox.addRuleset({ owner: "acme", repo: "api", name: "epics", include: ["refs/heads/epic/**"], requiredChecks: ["test"] });
    });
    await ready(pull);
    expect(pullOf(pull)?.merged).toBe(true);
    expect(factoryCheck(pull)).toContain("Factory merges it now (GitHub reports it can merge now, and arms auto-merge only for one that cannot yet)");
    expect(armed()).toBe(0);
  });
});

describe("where GitHub refuses auto-merge for a reason Factory could not see, nothing merges and the check run says why", () => {
  /**
   * The epic branch's ruleset requires a "test" check that only the Buildkite
   * app may report. GitHub Actions reports a green "test": Factory counts it
   * (by name, as it reads checks) and finds the pull request ready, while
   * GitHub still waits for Buildkite's and reports BLOCKED — so Factory asks
   * GitHub to arm auto-merge rather than merging.
   */
  async function blockedByBuildkite(): Promise<{ pull: number; buildkite: number }> {
    let buildkite = 0;
    const { pull } = await onePullRequest(() => {
      buildkite = h.sandbox.createApp({ slug: "buildkite" }).id;
      h.sandbox.setMergeSettings({ owner: "acme", repo: "api", allowAutoMerge: true });
      h.sandbox.addRuleset({ owner: "acme", repo: "api", name: "epics", include: ["refs/heads/epic/**"], requiredChecks: [{ context: "test", integrationId: buildkite }] });
    });
    return { pull, buildkite };
  }

  function buildkiteReports(pull: number, buildkite: number) {
    const repo = h.sandbox.store.requireRepo("acme", "api");
    const app = h.sandbox.store.apps.get(buildkite) ?? null;
    h.sandbox.store.ops.checks.create({ app, repo, headSha: pullOf(pull)?.headSha as string, name: "test", conclusion: "success", output: { title: "test", summary: "passed" } });
  }

  const failedJobs = () => h.logs.filter((line) => (line.level as number) >= 50);

  it("the app may not arm auto-merge (no Contents write): not merged, the refusal on the check run, no failed job", async () => {
    const { pull } = await blockedByBuildkite();
    h.sandbox.setInstallationPermissions({
      installationId: h.world.installationId,
      permissions: { issues: "write", pull_requests: "write", contents: "read", checks: "write", statuses: "read", metadata: "read", members: "read" },
    });
    await ready(pull);
    expect(pullOf(pull)).toMatchObject({ merged: false, autoMerge: null });
    expect(armed()).toBeGreaterThan(0);
    expect(factoryCheck(pull)).toContain("Next: waiting: GitHub refused to arm auto-merge (Resource not accessible by integration)");
    expect(failedJobs()).toEqual([]);
  });

  it("the pull request turned unstable between Factory's read and its request: not merged then, the refusal shown; merged once the new check passes", async () => {
    const { pull, buildkite } = await blockedByBuildkite();
    // While Factory's request is on its way, Buildkite's required check passes and a "lint" check that is not required starts.
    h.sandbox.faults.add({
      route: "graphql",
      operation: "FactoryAutoMerge",
      times: 1,
      meanwhile: () => {
        buildkiteReports(pull, buildkite);
        h.sandbox.ci.start({ owner: "acme", repo: "api", sha: pullOf(pull)?.headSha as string, name: "lint" });
      },
    });
    // Every summary Factory's check run shows, in order, as GitHub stores them.
    const shown: string[] = [];
    const checks = h.sandbox.store.ops.checks;
    const update = checks.update.bind(checks);
    vi.spyOn(checks, "update").mockImplementation((params) => {
      const run = update(params);
      if (run.name === "Factory" && run.output?.summary) shown.push(run.output.summary);
      return run;
    });
    await ready(pull);
    expect(pullOf(pull)?.merged).toBe(false);
    // The refusal was shown, until the running lint check became the reason to wait.
    const refused = shown.findIndex((summary) => summary.includes("Next: waiting: GitHub refused to arm auto-merge (Pull request is in unstable status)"));
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(shown.slice(refused + 1).some((summary) => summary.includes("Next: checks are running."))).toBe(true);
    expect(failedJobs()).toEqual([]);
    // Lint passes: GitHub reports it can merge now, and Factory merges it itself.
    h.sandbox.ci.complete({ owner: "acme", repo: "api", sha: pullOf(pull)?.headSha as string, name: "lint", conclusion: "success" });
    await h.settle();
    expect(pullOf(pull)?.merged).toBe(true);
    expect(factoryCheck(pull)).toContain("Factory merges it now (GitHub reports it can merge now");
  });
});
