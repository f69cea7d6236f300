import { afterEach, describe, expect, it } from "vitest";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { Sandbox, type AgentActor } from "@factory/sandbox";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { readyIssue } from "../helpers/ready-issue.js";

/*
 * A whole epic in the sandbox's production profile, which merges as
 * github.com does where it is least kind: no review decision on an
 * unprotected branch, mergeability unknown for a while after each push,
 * auto-merge off by default, and CI that reports some time after the push
 * webhook — or never. Nothing may merge before its current head's CI is
 * green and approved.
 */

const BOT = "factory[bot]";
const CONFIG = ["_extends: .github", "agents:", "  - name: openhands", "dispatch:", "  auto: true", ""].join("\n");

type SandboxIssue = { number: number; body: string | null; state: string; user: { login: string } };

let h: FactoryHarness;
let clock: VirtualClock;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const pulls = () => h.sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api");
const issue = (n: number) => h.sandbox.issue("acme", "api", n) as unknown as SandboxIssue;
const reply = (n: number, id: number) => h.sandbox.comments("acme", "api", n).find((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${id} `))?.body ?? "";

async function say(body: string, on: number): Promise<string> {
  const comment = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
  return reply(on, comment.id);
}

/** Lets sandbox and Factory time pass (CI reporting, mergeability computed), then lets everything settle. */
async function pass(ms: number) {
  await clock.sleep(ms);
  h.sandbox.advance(0);
  await h.settle();
}

/** Lets time pass and syncs, as the periodic sweep would, until `done` holds (at most `rounds` times). */
async function syncUntil(epic: number, done: () => boolean, rounds = 6) {
  for (let round = 0; round < rounds && !done(); round++) {
    await pass(60_000);
    await say("/factory sync", epic);
  }
}

const allMerged = (prs: number[]) => () => prs.every((p) => pulls().find((x) => x.number === p)?.merged);

async function start(ci: "checks" | "statuses" | "none", config = CONFIG, delayMs: number | ((sha: string) => number) = 45_000): Promise<AgentActor> {
  clock = new VirtualClock();
  const sandbox = new Sandbox({ now: clock.now, profile: "production", mergeabilityDelayMs: 3_000 });
  h = await startFactory({ sandbox, repoConfig: config, clock });
  h.sandbox.createUser("rita");
  h.sandbox.addCollaborator({ owner: "acme", repo: "api", login: "rita", permission: "write" });
  // CI registers its check 45 s after each push, after the push and synchronize webhooks, and finishes 60 s later.
  h.sandbox.ci.auto({ owner: "acme", repo: "api", kind: ci, delayMs, durationMs: 60_000, names: ["test"] });
  return h.sandbox.addAgent({ preset: "openhands" });
}

/** Three ready children grouped into an epic, phase 1 dispatched, each given a pull request that rita approves at once. */
async function approvedEpicOfThree(agent: AgentActor): Promise<{ epic: number; made: number[]; prs: number[] }> {
  const made = ["alpha handler", "beta handler", "gamma handler"].map((what) => readyIssue(h, what));
  await say("/factory epic", 1);
  const epic = (h.sandbox.issues("acme", "api") as unknown as SandboxIssue[]).find((i) => i.user.login === BOT && (i.body ?? "").includes("factory:epic "))?.number as number;
  await say("/factory dispatch next", epic);
  await agent.work();
  await h.settle();
  const prs = made.map((n) => agent.tasks.find((t) => t.issue === n)?.pull as number);
  for (const p of prs) h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull: p, event: "APPROVE" });
  await h.settle();
  return { epic, made, prs };
}

/** Rita approves the epic's own pull request; syncs until the epic closes, which it must, with that pull request merged. */
async function approveEpicPullToTheEnd(epic: number, own: number) {
  h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull: own, event: "APPROVE" });
  await h.settle();
  await syncUntil(epic, () => issue(epic).state !== "open", 3);
  expect(pulls().find((p) => p.number === own)?.merged).toBe(true);
  expect(issue(epic).state).toBe("closed");
}

describe("a whole epic in the production profile", () => {
  it("(a) unprotected epic branch, check-run CI that reports after the push: nothing merges before CI and an approval on its head; the epic completes", async () => {
    // Approved at once, before CI has reported anything: nothing merges.
    const { epic, made, prs } = await approvedEpicOfThree(await start("checks"));
    expect(pulls().filter((p) => p.merged)).toEqual([]);
    const status = await say("/factory status", epic);
    expect(status).toContain("waiting for CI");
    // CI registers and finishes; GitHub gives no review decision on the unprotected epic branch, so Factory counts rita's approvals.
    await pass(120_000);
    // Each merge moves the epic branch: the others' mergeability is unknown again for a while, and no webhook says when it is known.
    await syncUntil(epic, allMerged(prs));
    for (const p of prs) expect(pulls().find((x) => x.number === p)?.merged).toBe(true);
    for (const n of made) expect(issue(n).state).toBe("closed");
    expect(parseEpicBody(issue(epic).body ?? "").phases.every((phase) => phase.children.every((c) => c.checked))).toBe(true);
    // The epic's own pull request: CI runs on it, rita approves, and Factory merges it (auto-merge is off on this repository).
    const own = pulls().find((p) => p.head.startsWith(`epic/${epic}-`));
    expect(own?.merged).toBe(false);
    await pass(120_000);
    await pass(120_000);
    await approveEpicPullToTheEnd(epic, own?.number as number);
  });

  it("(b) a protected default branch with a required commit status and a review rule, and CI that reports through statuses: the epic's pull request merges only once both hold", async () => {
    const agent = await start("statuses");
    h.sandbox.protectBranch({ owner: "acme", repo: "api", branch: "main", requiredChecks: ["test"], approvals: 1 });
    const { epic, prs } = await approvedEpicOfThree(agent);
    await pass(120_000);
    await syncUntil(epic, allMerged(prs));
    for (const p of prs) expect(pulls().find((x) => x.number === p)?.merged).toBe(true);
    const own = pulls().find((p) => p.head.startsWith(`epic/${epic}-`));
    // CI's status on the epic's head passes, but the review rule on main wants an approval: GitHub says REVIEW_REQUIRED.
    await pass(120_000);
    await pass(120_000);
    await say("/factory sync", epic);
    expect(pulls().find((p) => p.number === own?.number)?.merged).toBe(false);
    expect(await say("/factory status", epic)).not.toContain("Epic done");
    await approveEpicPullToTheEnd(epic, own?.number as number);
  });

  it("(c) CI that registers 30 to 120 virtual seconds after each push: nothing merges before its own head's CI has reported and passed; the epic completes", async () => {
    // Each head gets its own pick-up delay, spread over 30–120 s, the same on every run.
    const delays: number[] = [];
    const delayFor = (sha: string) => {
      const delay = 30_000 + (parseInt(sha.slice(0, 6), 16) % 91) * 1_000;
      delays.push(delay);
      return delay;
    };
    const { epic, made, prs } = await approvedEpicOfThree(await start("checks", CONFIG, delayFor));
    // Merged pull requests had a passing "test" on the head they merged with: check every merge against CI as it stood then.
    const mergedUntested: number[] = [];
    h.sandbox.store.onEvent((event) => {
      if (event.name !== "pull_request" || event.payload.action !== "closed") return;
      const pull = event.payload.pull_request as { number: number; merged: boolean; head: { sha: string } };
      if (!pull.merged) return;
      const repo = h.sandbox.store.requireRepo("acme", "api");
      const passed = [...repo.checkRuns.values()].some((run) => run.headSha === pull.head.sha && run.name === "test" && run.conclusion === "success");
      if (!passed) mergedUntested.push(pull.number);
    });
    await pass(20_000);
    expect(pulls().filter((p) => p.merged)).toEqual([]);
    await syncUntil(epic, allMerged(prs), 10);
    for (const p of prs) expect(pulls().find((x) => x.number === p)?.merged).toBe(true);
    for (const n of made) expect(issue(n).state).toBe("closed");
    const own = pulls().find((p) => p.head.startsWith(`epic/${epic}-`));
    await pass(240_000);
    await approveEpicPullToTheEnd(epic, own?.number as number);
    expect(mergedUntested).toEqual([]);
    // The delays really were spread: at least two different pick-up times, each within 30–120 s.
    expect(new Set(delays).size).toBeGreaterThan(1);
    expect(delays.every((d) => d >= 30_000 && d <= 120_000)).toBe(true);
  });

  it("(d) a repository without CI: approved pull requests wait and say why; merged once the config says there is no CI", async () => {
    const { epic, prs } = await approvedEpicOfThree(await start("none"));
    await pass(600_000);
    await say("/factory sync", epic);
    expect(pulls().filter((p) => p.merged)).toEqual([]);
    expect(await say("/factory status", epic)).toContain("waiting for CI: no check run or commit status has reported on this head yet (set `merge.withoutCI` for a repository without CI)");
    // The maintainer says so in the config: the approved pull requests merge.
    h.sandbox.as("mona").pushCommit({ owner: "acme", repo: "api", branch: "main", files: { ".github/factory.yml": `${CONFIG}merge:\n  withoutCI: true\n` } });
    await syncUntil(epic, allMerged(prs));
    for (const p of prs) expect(pulls().find((x) => x.number === p)?.merged).toBe(true);
  });

  it("(e) a default branch that requires a merge queue and dismisses stale approvals: the epic's pull request goes through the queue, and an approval a push dismissed does not count", async () => {
    const agent = await start("checks");
    h.sandbox.addRuleset({ owner: "acme", repo: "api", name: "main", approvals: 1, dismissStale: true, requiredChecks: ["test"], mergeQueue: { method: "SQUASH" } });
    // What the merge queue did, as GitHub's merge_group events tell it (Factory does not subscribe to them).
    const groups: string[] = [];
    h.sandbox.store.onEvent((event) => {
      if (event.name === "merge_group") groups.push([event.payload.action, event.payload.reason].filter(Boolean).join(":"));
    });
    const { epic, prs } = await approvedEpicOfThree(agent);
    await pass(120_000);
    await syncUntil(epic, allMerged(prs));
    for (const p of prs) expect(pulls().find((x) => x.number === p)?.merged).toBe(true);
    const own = pulls().find((p) => p.head.startsWith(`epic/${epic}-`))?.number as number;
    await pass(240_000);
    // Rita approves, and before Factory has acted on it a maintainer pushes a last fix to the epic branch: GitHub dismisses the approval.
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull: own, event: "APPROVE" });
    h.sandbox.as("mona").pushCommit({ owner: "acme", repo: "api", branch: `epic/${epic}-${pulls().find((p) => p.number === own)?.head.split("-").slice(1).join("-")}`, files: { "CHANGELOG.md": "fix\n" } });
    await pass(240_000);
    await say("/factory sync", epic);
    const queueEvents = () => h.sandbox.webhooks.log.filter((d) => d.name === "pull_request" && d.action === "enqueued");
    expect(queueEvents()).toEqual([]);
    // GitHub dismissed the approval on the old head: the epic's pull request neither merges nor joins the queue.
    expect(pulls().find((p) => p.number === own)).toMatchObject({ merged: false, reviews: ["rita:DISMISSED"] });
    // Approved again on the new head: Factory puts it in the merge queue (a direct merge is refused there), CI tests the merge group, the queue merges it.
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull: own, event: "APPROVE" });
    await h.settle();
    await syncUntil(epic, () => issue(epic).state !== "open", 4);
    expect(queueEvents().length).toBe(1);
    expect(pulls().find((p) => p.number === own)?.merged).toBe(true);
    expect(issue(epic).state).toBe("closed");
    expect(groups).toEqual(["checks_requested", "destroyed:merged"]);
  });
});
