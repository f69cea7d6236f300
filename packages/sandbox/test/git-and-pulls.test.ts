import { beforeEach, describe, expect, it } from "vitest";
import { failureOf, seedWorld, statusOf, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;

describe("git refs and branches", () => {
  let world: World;
  beforeEach(() => {
    world = seedWorld();
  });

  it("creates, reads, lists, fast-forwards and deletes refs", async () => {
    const { octokit } = world;
    const { data: main } = await octokit.rest.git.getRef({ ...at, ref: "heads/main" });
    await octokit.rest.git.createRef({ ...at, ref: "refs/heads/epic/42-audit", sha: main.object.sha });
    expect(await statusOf(octokit.rest.git.createRef({ ...at, ref: "refs/heads/epic/42-audit", sha: main.object.sha }))).toBe(422);
    const { data: matching } = await octokit.rest.git.listMatchingRefs({ ...at, ref: "heads/epic/" });
    expect(matching.map((r) => r.ref)).toEqual(["refs/heads/epic/42-audit"]);
    const next = world.sandbox.as("dev").pushCommit({ ...at, branch: "scratch", files: { "x.txt": "x" } });
    await octokit.rest.git.updateRef({ ...at, ref: "heads/epic/42-audit", sha: next.sha });
    expect((await octokit.rest.git.getRef({ ...at, ref: "heads/epic/42-audit" })).data.object.sha).toBe(next.sha);
    expect(await statusOf(octokit.rest.git.updateRef({ ...at, ref: "heads/epic/42-audit", sha: main.object.sha }))).toBe(422);
    await octokit.rest.git.updateRef({ ...at, ref: "heads/epic/42-audit", sha: main.object.sha, force: true });
    await octokit.rest.git.deleteRef({ ...at, ref: "heads/epic/42-audit" });
    expect(await statusOf(octokit.rest.git.getRef({ ...at, ref: "heads/epic/42-audit" }))).toBe(404);
    const { data: branches } = await octokit.rest.repos.listBranches(at);
    expect(branches.map((b) => b.name)).toEqual(["main", "scratch"]);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("serves branches and commits by name or sha", async () => {
    const { sha } = world.sandbox.as("dev").pushCommit({ ...at, branch: "feature/x", files: { "src/a.go": "package a\n" }, message: "Add a" });
    const { data: branch } = await world.octokit.rest.repos.getBranch({ ...at, branch: "feature/x" });
    expect(branch.commit.sha).toBe(sha);
    const { data: commit } = await world.octokit.rest.repos.getCommit({ ...at, ref: sha.slice(0, 10) });
    expect(commit.commit.message).toBe("Add a");
    expect(commit.files?.map((f) => [f.filename, f.status])).toEqual([["src/a.go", "added"]]);
  });
});

describe("pull requests", () => {
  let world: World;
  beforeEach(() => {
    world = seedWorld();
  });

  const state = async (number: number): Promise<string> =>
    (await world.octokit.rest.pulls.get({ ...at, pull_number: number })).data.mergeable_state;

  it("opens a PR from a pushed branch and refuses duplicates and empty ones", async () => {
    world.sandbox.as("dev").pushCommit({ ...at, branch: "fix-1", files: { "a.txt": "a" } });
    const { data: pull } = await world.octokit.rest.pulls.create({ ...at, head: "fix-1", base: "main", title: "Fix 1", body: "Closes #9" });
    expect([pull.head.ref, pull.base.ref, pull.mergeable_state, pull.commits]).toEqual(["fix-1", "main", "clean", 1]);
    expect(await statusOf(world.octokit.rest.pulls.create({ ...at, head: "fix-1", base: "main", title: "again" }))).toBe(422);
    const main = world.sandbox.branches("acme", "api").find((b) => b.name === "main")?.sha as string;
    await world.octokit.rest.git.createRef({ ...at, ref: "refs/heads/empty", sha: main });
    expect(await statusOf(world.octokit.rest.pulls.create({ ...at, head: "empty", base: "main", title: "nothing" }))).toBe(422);
    const { data: listed } = await world.octokit.rest.pulls.list({ ...at, head: "acme:fix-1" });
    expect(listed.map((p) => p.number)).toEqual([pull.number]);
  });

  it("tracks mergeable state: behind, updated, dirty, blocked, unstable, clean", async () => {
    const dev = world.sandbox.as("dev");
    const pull = dev.openPullRequest({ ...at, head: "agent/1", title: "Work", files: { "src/work.go": "v1" } });
    expect(await state(pull.number)).toBe("clean");
    world.sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "other.go": "x" } });
    expect(await state(pull.number)).toBe("behind");
    const update = await world.octokit.rest.pulls.updateBranch({ ...at, pull_number: pull.number });
    expect(update.status).toBe(202);
    expect(await state(pull.number)).toBe("clean");
    world.sandbox.ci.start({ ...at, sha: "agent/1", name: "test" });
    expect(await state(pull.number)).toBe("unstable");
    world.sandbox.ci.complete({ ...at, sha: "agent/1", name: "test", conclusion: "failure" });
    expect(await state(pull.number)).toBe("unstable");
    world.sandbox.as("mona").review({ ...at, pull: pull.number, event: "REQUEST_CHANGES", body: "no" });
    expect(await state(pull.number)).toBe("blocked");
    world.sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "src/work.go": "main's version" } });
    expect(await state(pull.number)).toBe("dirty");
    expect(await statusOf(world.octokit.rest.pulls.updateBranch({ ...at, pull_number: pull.number }))).toBe(422);
    expect(await statusOf(world.octokit.rest.pulls.merge({ ...at, pull_number: pull.number }))).toBe(405);
  });

  it("closes issues named by closing keywords only when merging into the default branch", async () => {
    const mona = world.sandbox.as("mona");
    const intoMain = mona.createIssue({ ...at, title: "fixed on main" });
    const intoEpic = mona.createIssue({ ...at, title: "fixed on the epic branch" });
    mona.pushCommit({ ...at, branch: "epic/1", files: { "epic.md": "e" } });
    const epicPull = world.sandbox.as("dev").openPullRequest({ ...at, head: "child-a", base: "epic/1", title: "A", body: `Fixes #${intoEpic.number}` });
    const mainPull = world.sandbox.as("dev").openPullRequest({ ...at, head: "child-b", title: "B", body: `Closes #${intoMain.number}` });
    await world.octokit.rest.pulls.merge({ ...at, pull_number: epicPull.number, merge_method: "squash" });
    const { data: merged } = await world.octokit.rest.pulls.merge({ ...at, pull_number: mainPull.number });
    expect(merged.merged).toBe(true);
    expect(world.sandbox.issue("acme", "api", intoMain.number).state).toBe("closed");
    expect(world.sandbox.issue("acme", "api", intoEpic.number).state).toBe("open");
    expect(world.sandbox.file("acme", "api", "epic/1", "changes/child-a.md")).toBe("A\n");
    const { data: pull } = await world.octokit.rest.pulls.get({ ...at, pull_number: epicPull.number });
    expect([pull.state, pull.merged, pull.merged_by?.login]).toEqual(["closed", true, "factory[bot]"]);
  });

  it("refuses a merge when the head moved since the caller looked (409)", async () => {
    const pull = world.sandbox.as("dev").openPullRequest({ ...at, head: "racy", title: "Racy" });
    const { data } = await world.octokit.rest.pulls.get({ ...at, pull_number: pull.number });
    world.sandbox.as("dev").pushCommit({ ...at, branch: "racy", files: { "more.txt": "more" } });
    expect(await statusOf(world.octokit.rest.pulls.merge({ ...at, pull_number: pull.number, sha: data.head.sha }))).toBe(409);
  });

  it("records reviews and threads, and resolves threads through the store", async () => {
    const pull = world.sandbox.as("dev").openPullRequest({ ...at, head: "reviewed", title: "Reviewed" });
    world.sandbox.as("mona").review({ ...at, pull: pull.number, event: "COMMENT", body: "see inline", threads: [{ path: "changes/reviewed.md", line: 1, body: "typo" }] });
    const { data: review } = await world.octokit.rest.pulls.createReview({ ...at, pull_number: pull.number, event: "APPROVE" });
    expect(review.state).toBe("APPROVED");
    const { data: reviews } = await world.octokit.rest.pulls.listReviews({ ...at, pull_number: pull.number });
    expect(reviews.map((r) => [r.user?.login, r.state])).toEqual([["mona", "COMMENTED"], ["factory[bot]", "APPROVED"]]);
    const failure = await failureOf(world.withToken(world.sandbox.createUserToken("dev")).rest.pulls.createReview({ ...at, pull_number: pull.number, event: "APPROVE" }));
    expect(failure.status).toBe(422);
    const thread = world.sandbox.store.requireRepo("acme", "api").pulls.get(pull.number)?.threads[0];
    const bot = world.sandbox.store.requireAccount("factory[bot]");
    world.sandbox.store.resolveReviewThread({ actor: bot, threadId: thread?.id as number });
    expect(thread?.isResolved).toBe(true);
  });

  it("enables auto-merge on a PR waiting for checks and merges it once they pass", async () => {
    const pull = world.sandbox.as("dev").openPullRequest({ ...at, head: "auto", title: "Auto" });
    const repo = world.sandbox.store.requireRepo("acme", "api");
    const bot = world.sandbox.store.requireAccount("factory[bot]");
    // GitHub refuses auto-merge on a PR that could merge right away.
    expect(() => world.sandbox.store.enablePullRequestAutoMerge({ actor: bot, repo, number: pull.number })).toThrow(/clean status/);
    world.sandbox.ci.start({ ...at, sha: "auto", name: "build" });
    world.sandbox.store.enablePullRequestAutoMerge({ actor: bot, repo, number: pull.number, mergeMethod: "squash" });
    expect(repo.pulls.get(pull.number)?.merged).toBe(false);
    world.sandbox.ci.complete({ ...at, sha: "auto", name: "build", conclusion: "success" });
    expect(repo.pulls.get(pull.number)?.merged).toBe(true);
    expect(world.sandbox.file("acme", "api", "main", "changes/auto.md")).toBe("Auto\n");
  });
});

describe("check runs", () => {
  it("lets the app create, complete and list its check runs", async () => {
    const world = seedWorld();
    const pull = world.sandbox.as("dev").openPullRequest({ ...at, head: "checked", title: "Checked" });
    const sha = (await world.octokit.rest.pulls.get({ ...at, pull_number: pull.number })).data.head.sha;
    const { data: run } = await world.octokit.rest.checks.create({ ...at, name: "factory", head_sha: sha, status: "in_progress", output: { title: "Working", summary: "…" } });
    expect(run.app?.slug).toBe("factory");
    await world.octokit.rest.checks.update({ ...at, check_run_id: run.id, conclusion: "neutral", output: { title: "Done", summary: "ok" } });
    world.sandbox.ci.complete({ ...at, sha, name: "test", conclusion: "success" });
    const { data } = await world.octokit.rest.checks.listForRef({ ...at, ref: sha });
    expect(data.check_runs.map((r) => [r.name, r.status, r.conclusion]).sort()).toEqual([
      ["factory", "completed", "neutral"],
      ["test", "completed", "success"],
    ]);
    expect(await statusOf(world.withToken(world.sandbox.createUserToken("dev")).rest.checks.create({ ...at, name: "x", head_sha: sha }))).toBe(403);
    expect(world.sandbox.violations).toEqual([]);
  });
});
