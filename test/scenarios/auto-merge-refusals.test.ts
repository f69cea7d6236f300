import { afterEach, describe, expect, it } from "vitest";
import type { AgentActor } from "../../src/sandbox/agent-actor.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { readyIssue } from "../helpers/ready-issue.js";

/*
 * GitHub refuses to arm auto-merge where the repository does not allow it
 * (off by default), on a base no rule protects, and on a pull request that
 * can merge right now. Factory reads all three in its snapshot, merges the
 * ready pull request itself instead of asking to be refused, and says why on
 * its check run.
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
