import { describe, expect, it } from "vitest";
import type { StoreEvent } from "../src/store.js";
import type { SandboxOptions } from "../src/sandbox.js";
import { ManualClock } from "../src/manual-clock.js";
import { failureOf, seedWorld, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;

/** The world of `seedWorld` plus `rev`, a second writer; mergeability known at once unless a delay is given. */
function world(options: SandboxOptions = {}): World {
  const seeded = seedWorld({ profile: "production", mergeabilityDelayMs: 0, ...options });
  seeded.sandbox.createUser("rev");
  seeded.sandbox.addCollaborator({ ...at, login: "rev", permission: "write" });
  return seeded;
}

function kindWorld(): World {
  const seeded = seedWorld();
  seeded.sandbox.createUser("rev");
  seeded.sandbox.addCollaborator({ ...at, login: "rev", permission: "write" });
  return seeded;
}

/** Opens a pull request by `dev` from `head` into main, changing one file. */
function openPull(w: World, head = "feature", files: Record<string, string> = { "src/work.go": "v1" }): number {
  return w.sandbox.as("dev").openPullRequest({ ...at, head, title: `Work on ${head}`, files }).number;
}

interface PullState {
  mergeable: string;
  mergeStateStatus: string;
  reviewDecision: string | null;
}

async function pullState(w: World, number: number): Promise<PullState> {
  const data = await w.octokit.graphql<{ repository: { pullRequest: PullState } }>(
    `query($n: Int!) { repository(owner: "acme", name: "api") { pullRequest(number: $n) { mergeable mergeStateStatus reviewDecision } } }`,
    { n: number },
  );
  return data.repository.pullRequest;
}

async function nodeId(w: World, number: number): Promise<string> {
  return (await w.octokit.rest.pulls.get({ ...at, pull_number: number })).data.node_id;
}

/** The GraphQL errors of a request that must fail. */
async function graphqlErrors(promise: Promise<unknown>): Promise<{ type?: string; message: string }[]> {
  try {
    await promise;
  } catch (error) {
    return (error as { errors: { type?: string; message: string }[] }).errors;
  }
  throw new Error("expected the GraphQL request to fail");
}

const ENABLE_AUTO_MERGE = `mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: SQUASH }) {
  pullRequest { autoMergeRequest { mergeMethod } } } }`;

function events(w: World): StoreEvent[] {
  const seen: StoreEvent[] = [];
  w.sandbox.store.onEvent((event) => seen.push(event));
  return seen;
}

describe("production profile: repository merge settings", () => {
  it("defaults as github.com: auto-merge off, every merge method allowed, head branches kept (the kind profile allows auto-merge)", async () => {
    const production = world();
    const kind = kindWorld();
    const settings = async (w: World) => {
      const { data } = await w.octokit.rest.repos.get(at);
      const graphql = await w.octokit.graphql<{ repository: Record<string, boolean> }>(
        `{ repository(owner: "acme", name: "api") { autoMergeAllowed squashMergeAllowed mergeCommitAllowed rebaseMergeAllowed deleteBranchOnMerge } }`,
      );
      return { rest: [data.allow_auto_merge, data.allow_squash_merge, data.allow_merge_commit, data.allow_rebase_merge, data.delete_branch_on_merge], graphql: graphql.repository };
    };
    expect(await settings(production)).toEqual({
      rest: [false, true, true, true, false],
      graphql: { autoMergeAllowed: false, squashMergeAllowed: true, mergeCommitAllowed: true, rebaseMergeAllowed: true, deleteBranchOnMerge: false },
    });
    expect((await settings(kind)).rest[0]).toBe(true);
    expect(production.sandbox.profile).toBe("production");
    expect(kind.sandbox.profile).toBe("kind");
  });

  it("changes the settings through PATCH /repos for admins only", async () => {
    const w = world();
    const admin = w.withToken(w.sandbox.createUserToken("mona"));
    const { data } = await admin.rest.repos.update({ ...at, allow_auto_merge: true, allow_merge_commit: false, delete_branch_on_merge: true });
    expect([data.allow_auto_merge, data.allow_merge_commit, data.delete_branch_on_merge]).toEqual([true, false, true]);
    const { data: read } = await w.octokit.rest.repos.get(at);
    expect([read.allow_auto_merge, read.allow_merge_commit, read.delete_branch_on_merge]).toEqual([true, false, true]);
    const graphql = await w.octokit.graphql<{ repository: { autoMergeAllowed: boolean } }>(`{ repository(owner: "acme", name: "api") { autoMergeAllowed } }`);
    expect(graphql.repository.autoMergeAllowed).toBe(true);
    const writer = w.withToken(w.sandbox.createUserToken("dev"));
    expect(await failureOf(writer.rest.repos.update({ ...at, allow_auto_merge: false }))).toMatchObject({ status: 403, message: expect.stringContaining("Must have admin rights") });
    // The app has no administration permission.
    expect((await failureOf(w.octokit.rest.repos.update({ ...at, allow_auto_merge: false }))).status).toBe(403);
    expect(w.sandbox.violations).toEqual([]);
  });

  it("refuses a merge with a method the repository does not allow, with GitHub's 405", async () => {
    const w = world();
    w.sandbox.setMergeSettings({ ...at, allowMergeCommit: false });
    const number = openPull(w);
    expect(await failureOf(w.octokit.rest.pulls.merge({ ...at, pull_number: number }))).toMatchObject({
      status: 405,
      message: expect.stringContaining("Merge commits are not allowed on this repository."),
    });
    const { data } = await w.octokit.rest.pulls.merge({ ...at, pull_number: number, merge_method: "squash" });
    expect(data.merged).toBe(true);
  });

  it("deletes the merged head branch when delete_branch_on_merge is on", async () => {
    const w = world();
    w.sandbox.setMergeSettings({ ...at, deleteBranchOnMerge: true });
    const number = openPull(w);
    await w.octokit.rest.pulls.merge({ ...at, pull_number: number });
    expect(w.sandbox.branches("acme", "api").map((b) => b.name)).toEqual(["main"]);
    const kept = world();
    await kept.octokit.rest.pulls.merge({ ...at, pull_number: openPull(kept) });
    expect(kept.sandbox.branches("acme", "api").map((b) => b.name)).toEqual(["feature", "main"]);
  });
});

describe("production profile: branch protection over REST", () => {
  it("sets, reads and removes protection for admins; collaborators see it on the branch", async () => {
    const w = world();
    const admin = w.withToken(w.sandbox.createUserToken("mona"));
    const { data: put } = await admin.rest.repos.updateBranchProtection({
      ...at,
      branch: "main",
      required_status_checks: { strict: true, contexts: ["build"] },
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 2, dismiss_stale_reviews: true },
      restrictions: null,
      required_linear_history: true,
    });
    expect(put.required_status_checks).toMatchObject({ strict: true, contexts: ["build"], checks: [{ context: "build", app_id: null }] });
    expect(put.required_pull_request_reviews).toMatchObject({ required_approving_review_count: 2, dismiss_stale_reviews: true });
    expect(put.required_linear_history).toEqual({ enabled: true });
    const { data: got } = await admin.rest.repos.getBranchProtection({ ...at, branch: "main" });
    expect(got.required_status_checks?.contexts).toEqual(["build"]);
    expect(got.enforce_admins).toMatchObject({ enabled: false });

    const writer = w.withToken(w.sandbox.createUserToken("dev"));
    const { data: branch } = await writer.rest.repos.getBranch({ ...at, branch: "main" });
    expect(branch.protected).toBe(true);
    expect(branch.protection.required_status_checks).toEqual({ enforcement_level: "non_admins", contexts: ["build"], checks: [{ context: "build", app_id: null }] });
    const { data: listed } = await writer.rest.repos.listBranches({ ...at, protected: true });
    expect(listed.map((b) => [b.name, b.protected])).toEqual([["main", true]]);
    expect((await failureOf(writer.rest.repos.getBranchProtection({ ...at, branch: "main" }))).status).toBe(403);
    expect((await failureOf(writer.rest.repos.deleteBranchProtection({ ...at, branch: "main" }))).status).toBe(403);

    expect((await admin.rest.repos.deleteBranchProtection({ ...at, branch: "main" })).status).toBe(204);
    expect(await failureOf(admin.rest.repos.getBranchProtection({ ...at, branch: "main" }))).toMatchObject({ status: 404, message: expect.stringContaining("Branch not protected") });
    expect((await writer.rest.repos.getBranch({ ...at, branch: "main" })).data.protected).toBe(false);
    expect(w.sandbox.violations).toEqual([]);
  });

  it("keeps the app of a required check from `checks`", async () => {
    const w = world();
    const admin = w.withToken(w.sandbox.createUserToken("mona"));
    const { data } = await admin.rest.repos.updateBranchProtection({
      ...at,
      branch: "main",
      required_status_checks: { strict: false, contexts: [], checks: [{ context: "test", app_id: 15368 }] },
      enforce_admins: true,
      required_pull_request_reviews: null,
      restrictions: null,
    });
    expect(data.required_status_checks).toMatchObject({ contexts: ["test"], checks: [{ context: "test", app_id: 15368 }] });
    expect(data.required_pull_request_reviews).toBeUndefined();
    const { data: branch } = await w.octokit.rest.repos.getBranch({ ...at, branch: "main" });
    expect(branch.protection.required_status_checks?.enforcement_level).toBe("everyone");
  });
});

describe("production profile: reviewDecision", () => {
  it("is null without a review rule, whatever the reviews say (the kind profile reports them)", async () => {
    const production = world();
    const kind = kindWorld();
    for (const w of [production, kind]) {
      const number = openPull(w);
      w.sandbox.as("mona").review({ ...at, pull: number, event: "APPROVE" });
    }
    expect((await pullState(production, 1)).reviewDecision).toBeNull();
    expect((await pullState(kind, 1)).reviewDecision).toBe("APPROVED");
    production.sandbox.as("rev").review({ ...at, pull: 1, event: "REQUEST_CHANGES", body: "no" });
    expect((await pullState(production, 1)).reviewDecision).toBeNull();
  });

  it("counts the latest opinionated review of each reviewer with write access against the rule", async () => {
    const w = world();
    w.sandbox.protectBranch({ ...at, branch: "main", approvals: 2 });
    const number = openPull(w);
    expect((await pullState(w, number)).reviewDecision).toBe("REVIEW_REQUIRED");
    w.sandbox.as("outsider").review({ ...at, pull: number, event: "APPROVE" });
    w.sandbox.as("mona").review({ ...at, pull: number, event: "APPROVE" });
    // The outsider cannot push: only one approval counts.
    expect((await pullState(w, number)).reviewDecision).toBe("REVIEW_REQUIRED");
    w.sandbox.as("rev").review({ ...at, pull: number, event: "REQUEST_CHANGES", body: "not yet" });
    expect((await pullState(w, number)).reviewDecision).toBe("CHANGES_REQUESTED");
    w.sandbox.as("rev").review({ ...at, pull: number, event: "APPROVE" });
    expect((await pullState(w, number)).reviewDecision).toBe("APPROVED");
    w.sandbox.as("outsider").review({ ...at, pull: number, event: "REQUEST_CHANGES", body: "no" });
    expect((await pullState(w, number)).reviewDecision).toBe("APPROVED");
  });

  it("dismisses approvals on a push to the head when the rule says so", async () => {
    const w = world();
    const seen = events(w);
    w.sandbox.protectBranch({ ...at, branch: "main", approvals: 1, dismissStale: true });
    const number = openPull(w);
    w.sandbox.as("mona").review({ ...at, pull: number, event: "APPROVE" });
    expect((await pullState(w, number)).reviewDecision).toBe("APPROVED");
    w.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "src/work.go": "v2" } });
    expect((await pullState(w, number)).reviewDecision).toBe("REVIEW_REQUIRED");
    const { data: reviews } = await w.octokit.rest.pulls.listReviews({ ...at, pull_number: number });
    expect(reviews.map((r) => r.state)).toEqual(["DISMISSED"]);
    expect(seen.filter((e) => e.name === "pull_request_review").map((e) => e.payload.action)).toEqual(["submitted", "dismissed"]);

    const keeps = world();
    keeps.sandbox.protectBranch({ ...at, branch: "main", approvals: 1 });
    const kept = openPull(keeps);
    keeps.sandbox.as("mona").review({ ...at, pull: kept, event: "APPROVE" });
    keeps.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "src/work.go": "v2" } });
    expect((await pullState(keeps, kept)).reviewDecision).toBe("APPROVED");
    expect(keeps.sandbox.violations).toEqual([]);
    expect(w.sandbox.violations).toEqual([]);
  });
});

describe("production profile: mergeStateStatus", () => {
  it("without protection: no BEHIND and no BLOCKED, UNSTABLE from checks (the kind profile reports BEHIND and BLOCKED)", async () => {
    const production = world();
    const kind = kindWorld();
    for (const w of [production, kind]) {
      openPull(w);
      w.sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "other.go": "x" } });
    }
    expect((await pullState(production, 1)).mergeStateStatus).toBe("CLEAN");
    expect((await pullState(kind, 1)).mergeStateStatus).toBe("BEHIND");
    for (const w of [production, kind]) w.sandbox.as("mona").review({ ...at, pull: 1, event: "REQUEST_CHANGES", body: "no" });
    expect((await pullState(production, 1)).mergeStateStatus).toBe("CLEAN");
    expect((await pullState(kind, 1)).mergeStateStatus).toBe("BLOCKED");
    production.sandbox.ci.complete({ ...at, sha: "feature", name: "lint", conclusion: "failure" });
    expect(await pullState(production, 1)).toEqual({ mergeable: "MERGEABLE", mergeStateStatus: "UNSTABLE", reviewDecision: null });
  });

  it("BEHIND only with strict required status checks", async () => {
    const w = world();
    w.sandbox.protectBranch({ ...at, branch: "main", requiredChecks: ["build"], strict: false });
    const number = openPull(w);
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "build", conclusion: "success" });
    w.sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "other.go": "x" } });
    expect((await pullState(w, number)).mergeStateStatus).toBe("CLEAN");
    w.sandbox.protectBranch({ ...at, branch: "main", requiredChecks: ["build"], strict: true });
    expect((await pullState(w, number)).mergeStateStatus).toBe("BEHIND");
    await w.octokit.rest.pulls.updateBranch({ ...at, pull_number: number });
    // The merge commit is a new head: the required check must pass there too.
    expect((await pullState(w, number)).mergeStateStatus).toBe("BLOCKED");
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "build", conclusion: "success" });
    expect((await pullState(w, number)).mergeStateStatus).toBe("CLEAN");
  });

  it("BLOCKED while a required check is missing, pending or failing; UNSTABLE from a failing check that is not required", async () => {
    const w = world();
    w.sandbox.protectBranch({ ...at, branch: "main", requiredChecks: ["build"] });
    const number = openPull(w);
    expect((await pullState(w, number)).mergeStateStatus).toBe("BLOCKED");
    w.sandbox.ci.start({ ...at, sha: "feature", name: "build" });
    expect((await pullState(w, number)).mergeStateStatus).toBe("BLOCKED");
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "build", conclusion: "failure" });
    expect((await pullState(w, number)).mergeStateStatus).toBe("BLOCKED");
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "build", conclusion: "success" });
    expect((await pullState(w, number)).mergeStateStatus).toBe("CLEAN");
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "lint", conclusion: "failure" });
    expect((await pullState(w, number)).mergeStateStatus).toBe("UNSTABLE");
  });

  it("counts commit statuses as check contexts, required or not", async () => {
    const w = world();
    w.sandbox.protectBranch({ ...at, branch: "main", requiredChecks: ["ci/jenkins"] });
    const number = openPull(w);
    const ci = w.withToken(w.sandbox.createUserToken("rev"));
    const sha = (await w.octokit.rest.pulls.get({ ...at, pull_number: number })).data.head.sha;
    await ci.rest.repos.createCommitStatus({ ...at, sha, state: "pending", context: "ci/jenkins" });
    expect((await pullState(w, number)).mergeStateStatus).toBe("BLOCKED");
    await ci.rest.repos.createCommitStatus({ ...at, sha, state: "success", context: "ci/jenkins" });
    expect((await pullState(w, number)).mergeStateStatus).toBe("CLEAN");
    await ci.rest.repos.createCommitStatus({ ...at, sha, state: "error", context: "coverage" });
    expect((await pullState(w, number)).mergeStateStatus).toBe("UNSTABLE");
  });

  it("BLOCKED while approvals are missing, even when also behind", async () => {
    const w = world();
    w.sandbox.protectBranch({ ...at, branch: "main", approvals: 1, requiredChecks: [], strict: true });
    const number = openPull(w);
    w.sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "other.go": "x" } });
    expect((await pullState(w, number)).mergeStateStatus).toBe("BLOCKED");
    w.sandbox.as("mona").review({ ...at, pull: number, event: "APPROVE" });
    expect((await pullState(w, number)).mergeStateStatus).toBe("BEHIND");
  });

  it("DIRTY on conflicts and DRAFT for drafts", async () => {
    const w = world();
    w.sandbox.protectBranch({ ...at, branch: "main", approvals: 1 });
    const number = openPull(w);
    w.sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "src/work.go": "main's version" } });
    expect(await pullState(w, number)).toMatchObject({ mergeable: "CONFLICTING", mergeStateStatus: "DIRTY" });
    const draft = w.sandbox.as("dev").openPullRequest({ ...at, head: "draft", title: "Draft", draft: true, files: { "d.txt": "d" } });
    expect((await pullState(w, draft.number)).mergeStateStatus).toBe("DRAFT");
  });

  it("UNKNOWN for mergeabilityDelayMs of sandbox time after a push to the head or the base (the kind profile knows at once)", async () => {
    const w = world({ mergeabilityDelayMs: 3000, now: new ManualClock().now });
    const number = openPull(w);
    expect(await pullState(w, number)).toMatchObject({ mergeable: "UNKNOWN", mergeStateStatus: "UNKNOWN" });
    const { data: rest } = await w.octokit.rest.pulls.get({ ...at, pull_number: number });
    expect([rest.mergeable, rest.mergeable_state]).toEqual([null, "unknown"]);
    w.sandbox.advance(2999);
    expect((await pullState(w, number)).mergeStateStatus).toBe("UNKNOWN");
    w.sandbox.advance(1);
    expect(await pullState(w, number)).toMatchObject({ mergeable: "MERGEABLE", mergeStateStatus: "CLEAN" });
    w.sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "other.go": "x" } });
    expect((await pullState(w, number)).mergeStateStatus).toBe("UNKNOWN");
    w.sandbox.advance(3000);
    expect((await pullState(w, number)).mergeStateStatus).toBe("CLEAN");
    w.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "src/work.go": "v2" } });
    expect((await w.octokit.rest.pulls.get({ ...at, pull_number: number })).data.mergeable).toBeNull();
    w.sandbox.advance(3000);
    expect((await w.octokit.rest.pulls.get({ ...at, pull_number: number })).data.mergeable).toBe(true);

    const kind = kindWorld();
    expect((await pullState(kind, openPull(kind))).mergeStateStatus).toBe("CLEAN");
  });
});

describe("production profile: merging under protection", () => {
  it("refuses a merge protection does not allow, with GitHub's 405 messages", async () => {
    const w = world();
    w.sandbox.protectBranch({ ...at, branch: "main", approvals: 1, requiredChecks: ["build"], strict: true });
    const number = openPull(w);
    const merge = () => w.octokit.rest.pulls.merge({ ...at, pull_number: number });
    expect(await failureOf(merge())).toMatchObject({ status: 405, message: expect.stringContaining("At least 1 approving review is required by reviewers with write access.") });
    w.sandbox.as("mona").review({ ...at, pull: number, event: "APPROVE" });
    expect((await failureOf(merge())).message).toContain('Required status check "build" is expected.');
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "build", conclusion: "failure" });
    expect((await failureOf(merge())).message).toContain('Required status check "build" is failing.');
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "build", conclusion: "success" });
    w.sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "other.go": "x" } });
    expect((await failureOf(merge())).message).toContain("Head branch is not up to date with the base branch.");
    await w.octokit.rest.pulls.updateBranch({ ...at, pull_number: number });
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "build", conclusion: "success" });
    expect((await merge()).data.merged).toBe(true);
  });

  it("answers update-branch with 422 when the head already has the base (the kind profile answers 202)", async () => {
    const w = world();
    const number = openPull(w);
    expect(await failureOf(w.octokit.rest.pulls.updateBranch({ ...at, pull_number: number }))).toMatchObject({
      status: 422,
      message: expect.stringContaining("There are no new commits on the base branch."),
    });
    const kind = kindWorld();
    expect((await kind.octokit.rest.pulls.updateBranch({ ...at, pull_number: openPull(kind) })).status).toBe(202);
  });
});

describe("production profile: auto-merge", () => {
  it("refuses with GitHub's messages: not allowed, no protection, clean, unstable, not authorized", async () => {
    const w = world();
    const number = openPull(w);
    const id = await nodeId(w, number);
    const enable = (octokit = w.octokit) => graphqlErrors(octokit.graphql(ENABLE_AUTO_MERGE, { id }));
    expect(await enable()).toMatchObject([{ type: "UNPROCESSABLE", message: "Auto merge is not allowed for this repository" }]);
    w.sandbox.setMergeSettings({ ...at, allowAutoMerge: true });
    expect(await enable()).toMatchObject([{ message: "Protected branch rules not configured for this branch" }]);
    w.sandbox.protectBranch({ ...at, branch: "main", requiredChecks: ["build"] });
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "build", conclusion: "success" });
    expect(await enable()).toMatchObject([{ message: "Pull request is in clean status" }]);
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "lint", conclusion: "failure" });
    expect(await enable()).toMatchObject([{ message: "Pull request is in unstable status" }]);
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "build", conclusion: "failure" });
    const outsider = w.withToken(w.sandbox.createUserToken("outsider"));
    expect(await enable(outsider)).toMatchObject([{ type: "FORBIDDEN", message: expect.stringContaining("does not have the correct permissions") }]);
    expect(w.sandbox.store.requirePull(w.sandbox.store.requireRepo("acme", "api"), number).autoMerge).toBeNull();
  });

  it("is accepted on an unprotected, behind pull request in the kind profile", async () => {
    const kind = kindWorld();
    const number = openPull(kind);
    kind.sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "other.go": "x" } });
    const data = await kind.octokit.graphql<{ enablePullRequestAutoMerge: unknown }>(ENABLE_AUTO_MERGE, { id: await nodeId(kind, number) });
    expect(data.enablePullRequestAutoMerge).toEqual({ pullRequest: { autoMergeRequest: { mergeMethod: "SQUASH" } } });
  });

  it("merges once protection is satisfied and mergeability is known again", async () => {
    const w = world({ mergeabilityDelayMs: 3000, now: new ManualClock().now });
    w.sandbox.setMergeSettings({ ...at, allowAutoMerge: true });
    w.sandbox.protectBranch({ ...at, branch: "main", approvals: 1, requiredChecks: ["build"] });
    const number = openPull(w);
    w.sandbox.advance(3000);
    expect((await pullState(w, number)).mergeStateStatus).toBe("BLOCKED");
    await w.octokit.graphql(ENABLE_AUTO_MERGE, { id: await nodeId(w, number) });
    w.sandbox.as("mona").review({ ...at, pull: number, event: "APPROVE" });
    w.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "src/work.go": "v2" } });
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "build", conclusion: "success" });
    // Still computing mergeability after the push: not merged yet.
    expect(w.sandbox.pull("acme", "api", number).merged).toBe(false);
    w.sandbox.advance(3000);
    const merged = w.sandbox.pull("acme", "api", number);
    expect([merged.merged, (merged.merged_by as { login: string }).login]).toEqual([true, "factory[bot]"]);
    expect(w.sandbox.violations).toEqual([]);
  });

  it("is dropped when someone without write access pushes to the head, kept when a writer does", async () => {
    const w = world();
    const seen = events(w);
    w.sandbox.setMergeSettings({ ...at, allowAutoMerge: true });
    w.sandbox.protectBranch({ ...at, branch: "main", approvals: 1 });
    const number = openPull(w);
    await w.octokit.graphql(ENABLE_AUTO_MERGE, { id: await nodeId(w, number) });
    w.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "src/work.go": "v2" } });
    expect(w.sandbox.pull("acme", "api", number).auto_merge).not.toBeNull();
    w.sandbox.as("outsider").pushCommit({ ...at, branch: "feature", files: { "src/work.go": "v3" } });
    expect(w.sandbox.pull("acme", "api", number).auto_merge).toBeNull();
    const disabled = seen.filter((e) => e.name === "pull_request" && e.payload.action === "auto_merge_disabled");
    expect(disabled.map((e) => (e.payload.sender as { login: string }).login)).toEqual(["outsider"]);
    w.sandbox.as("mona").review({ ...at, pull: number, event: "APPROVE" });
    expect(w.sandbox.pull("acme", "api", number).merged).toBe(false);
    expect(w.sandbox.violations).toEqual([]);
  });
});

describe("production profile: reviews over GraphQL", () => {
  it("serves latestOpinionatedReviews and reviews(states:) with author, push access, commit and time", async () => {
    const w = world();
    const number = openPull(w);
    const first = w.sandbox.as("mona").review({ ...at, pull: number, event: "REQUEST_CHANGES", body: "no" });
    w.sandbox.as("mona").review({ ...at, pull: number, event: "APPROVE" });
    w.sandbox.as("outsider").review({ ...at, pull: number, event: "APPROVE" });
    w.sandbox.as("rev").review({ ...at, pull: number, event: "COMMENT", body: "nice" });
    const head = (await w.octokit.rest.pulls.get({ ...at, pull_number: number })).data.head.sha;
    type Node = { state: string; author: { login: string }; authorCanPushToRepository: boolean; commit: { oid: string }; submittedAt: string };
    const data = await w.octokit.graphql<{
      repository: { pullRequest: { latestOpinionatedReviews: { nodes: Node[] }; writers: { nodes: Node[] }; reviews: { totalCount: number; nodes: Node[] } } };
    }>(
      `query($n: Int!) { repository(owner: "acme", name: "api") { pullRequest(number: $n) {
        latestOpinionatedReviews(first: 10) { nodes { state author { login } authorCanPushToRepository commit { oid } submittedAt } }
        writers: latestOpinionatedReviews(first: 10, writersOnly: true) { nodes { state author { login } authorCanPushToRepository commit { oid } submittedAt } }
        reviews(first: 10, states: [CHANGES_REQUESTED]) { totalCount nodes { state author { login } authorCanPushToRepository commit { oid } submittedAt } }
      } } }`,
      { n: number },
    );
    const { pullRequest } = data.repository;
    expect(pullRequest.latestOpinionatedReviews.nodes.map((n) => [n.author.login, n.state, n.authorCanPushToRepository, n.commit.oid])).toEqual([
      ["mona", "APPROVED", true, head],
      ["outsider", "APPROVED", false, head],
    ]);
    expect(pullRequest.writers.nodes.map((n) => n.author.login)).toEqual(["mona"]);
    expect(pullRequest.reviews.totalCount).toBe(1);
    expect(pullRequest.reviews.nodes[0]).toMatchObject({ state: "CHANGES_REQUESTED", author: { login: "mona" }, submittedAt: first.submitted_at });
  });
});
