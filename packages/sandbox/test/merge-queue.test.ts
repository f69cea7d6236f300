import { describe, expect, it } from "vitest";
import type { StoreEvent } from "../src/store.js";
import { failureOf, seedWorld, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;

function world(): World {
  const seeded = seedWorld({ profile: "production", mergeabilityDelayMs: 0 });
  seeded.sandbox.createUser("rev");
  seeded.sandbox.addCollaborator({ ...at, login: "rev", permission: "write" });
  return seeded;
}

function openPull(w: World, head: string, files: Record<string, string>): { number: number; nodeId: string } {
  const { number } = w.sandbox.as("dev").openPullRequest({ ...at, head, title: `Work on ${head}`, files });
  return { number, nodeId: w.sandbox.store.requirePull(w.sandbox.store.requireRepo("acme", "api"), number).nodeId };
}

function events(w: World): StoreEvent[] {
  const seen: StoreEvent[] = [];
  w.sandbox.store.onEvent((event) => seen.push(event));
  return seen;
}

const ENQUEUE = `mutation($id: ID!, $sha: GitObjectID) { enqueuePullRequest(input: { pullRequestId: $id, expectedHeadOid: $sha }) { mergeQueueEntry { position state } } }`;
const ENTRY = `query($n: Int!) { repository(owner: "acme", name: "api") { pullRequest(number: $n) { isInMergeQueue mergeQueueEntry { position state } state } } }`;

async function entry(w: World, n: number) {
  return (await w.octokit.graphql<{ repository: { pullRequest: { isInMergeQueue: boolean; mergeQueueEntry: { position: number; state: string } | null; state: string } } }>(ENTRY, { n })).repository.pullRequest;
}

describe("rulesets", () => {
  it("are created, listed and read back through REST by an admin, and an app without administration is refused", async () => {
    const w = world();
    const admin = w.withToken(w.sandbox.createUserToken("mona"));
    const { data: created } = await admin.request("POST /repos/{owner}/{repo}/rulesets", {
      ...at,
      name: "epics",
      target: "branch",
      enforcement: "active",
      conditions: { ref_name: { include: ["refs/heads/epic/**"], exclude: [] } },
      rules: [{ type: "required_status_checks", parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: "test" }] } }],
    });
    expect(created).toMatchObject({ name: "epics", enforcement: "active", source_type: "Repository", source: "acme/api" });
    const { data: rules } = await w.octokit.request("GET /repos/{owner}/{repo}/rules/branches/{branch}", { ...at, branch: "epic/7-login" });
    expect(rules).toEqual([expect.objectContaining({ type: "required_status_checks", ruleset_id: created.id })]);
    const { data: none } = await w.octokit.request("GET /repos/{owner}/{repo}/rules/branches/{branch}", { ...at, branch: "main" });
    expect(none).toEqual([]);
    const refused = await failureOf(w.octokit.request("POST /repos/{owner}/{repo}/rulesets", { ...at, name: "x", enforcement: "active" }));
    expect(refused.status).toBe(403);
    expect(w.sandbox.violations).toEqual([]);
  });

  it("layer with each other: required checks add up, and a ruleset's review rule gives the review decision an unprotected branch lacks", async () => {
    const w = world();
    const pull = openPull(w, "feature", { "a.txt": "a" });
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "test", conclusion: "success" });
    const decision = async () =>
      (await w.octokit.graphql<{ repository: { pullRequest: { reviewDecision: string | null; mergeStateStatus: string } } }>(
        `query($n: Int!) { repository(owner: "acme", name: "api") { pullRequest(number: $n) { reviewDecision mergeStateStatus } } }`,
        { n: pull.number },
      )).repository.pullRequest;
    expect(await decision()).toEqual({ reviewDecision: null, mergeStateStatus: "CLEAN" });
    w.sandbox.addRuleset({ ...at, name: "main", approvals: 1, requiredChecks: ["test"] });
    w.sandbox.addRuleset({ ...at, name: "lint", include: ["~ALL"], requiredChecks: ["lint"] });
    expect(await decision()).toEqual({ reviewDecision: "REVIEW_REQUIRED", mergeStateStatus: "BLOCKED" });
    w.sandbox.as("rev").review({ ...at, pull: pull.number, event: "APPROVE" });
    // Still blocked: the second ruleset's "lint" has not reported.
    expect(await decision()).toEqual({ reviewDecision: "APPROVED", mergeStateStatus: "BLOCKED" });
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "lint", conclusion: "success" });
    expect(await decision()).toEqual({ reviewDecision: "APPROVED", mergeStateStatus: "CLEAN" });
  });

  it("dismiss stale approvals on push when the pull_request rule says so", async () => {
    const w = world();
    w.sandbox.addRuleset({ ...at, name: "main", approvals: 1, dismissStale: true });
    const pull = openPull(w, "feature", { "a.txt": "a" });
    w.sandbox.as("rev").review({ ...at, pull: pull.number, event: "APPROVE" });
    w.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "a.txt": "b" } });
    const { data } = await w.octokit.rest.pulls.listReviews({ ...at, pull_number: pull.number });
    expect(data.map((review) => review.state)).toEqual(["DISMISSED"]);
  });
});

describe("branch rules over GraphQL", () => {
  it("Ref.rules lists the active rulesets' rules with their parameters, Ref.refUpdateRule the classic protection non-admins may see", async () => {
    const w = world();
    w.sandbox.addRuleset({ ...at, name: "main", requiredChecks: ["test"], mergeQueue: {} });
    w.sandbox.addRuleset({ ...at, name: "epics", include: ["refs/heads/epic/*"], approvals: 2 });
    w.sandbox.protectBranch({ ...at, branch: "main", requiredChecks: ["lint"] });
    const data = await w.octokit.graphql<{ repository: { defaultBranchRef: Record<string, unknown> } }>(`{ repository(owner: "acme", name: "api") { defaultBranchRef {
      refUpdateRule { requiredStatusCheckContexts }
      rules(first: 10) { nodes { type parameters { __typename ... on RequiredStatusChecksParameters { requiredStatusChecks { context } } ... on MergeQueueParameters { mergeMethod } } } }
    } } }`);
    expect(data.repository.defaultBranchRef).toEqual({
      refUpdateRule: { requiredStatusCheckContexts: ["lint"] },
      rules: {
        nodes: [
          { type: "REQUIRED_STATUS_CHECKS", parameters: { __typename: "RequiredStatusChecksParameters", requiredStatusChecks: [{ context: "test" }] } },
          { type: "MERGE_QUEUE", parameters: { __typename: "MergeQueueParameters", mergeMethod: "MERGE" } },
        ],
      },
    });
  });
});

describe("a merge queue", () => {
  function queued(): World {
    const w = world();
    w.sandbox.addRuleset({ ...at, name: "main", approvals: 1, requiredChecks: ["test"], mergeQueue: { method: "SQUASH" } });
    return w;
  }

  it("refuses a direct merge, as GitHub does, through REST and auto-merge alike", async () => {
    const w = queued();
    const pull = openPull(w, "feature", { "a.txt": "a" });
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "test", conclusion: "success" });
    w.sandbox.as("rev").review({ ...at, pull: pull.number, event: "APPROVE" });
    const refused = await failureOf(w.octokit.rest.pulls.merge({ ...at, pull_number: pull.number }));
    expect(refused.status).toBe(405);
    expect(refused.message).toContain("Changes must be made through the merge queue");
  });

  it("tests the merge group, then merges it: merge_group and enqueued webhooks, the base moves to the tested commit, the group branch goes", async () => {
    const w = queued();
    const seen = events(w);
    const pull = openPull(w, "feature", { "a.txt": "a" });
    const head = w.sandbox.branches("acme", "api").find((b) => b.name === "feature")?.sha as string;
    // Not ready: no approval yet.
    const early = await failureOf(w.octokit.graphql(ENQUEUE, { id: pull.nodeId, sha: head }));
    expect(early.message).toContain("At least 1 approving review is required");
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "test", conclusion: "success" });
    w.sandbox.as("rev").review({ ...at, pull: pull.number, event: "APPROVE" });
    const result = await w.octokit.graphql<{ enqueuePullRequest: { mergeQueueEntry: { position: number; state: string } } }>(ENQUEUE, { id: pull.nodeId, sha: head });
    expect(result.enqueuePullRequest.mergeQueueEntry).toEqual({ position: 1, state: "AWAITING_CHECKS" });
    const requested = seen.find((e) => e.name === "merge_group" && e.payload.action === "checks_requested");
    const group = (requested?.payload.merge_group ?? {}) as { head_sha: string; head_ref: string };
    expect(group.head_ref).toBe(`refs/heads/gh-readonly-queue/main/pr-${pull.number}-${head}`);
    expect(w.sandbox.branches("acme", "api").map((b) => b.name)).toContain(`gh-readonly-queue/main/pr-${pull.number}-${head}`);
    // The agent cannot push to a queued head.
    expect(() => w.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "a.txt": "b" } })).toThrow(/queued for merging cannot be updated/);
    expect(await entry(w, pull.number)).toEqual({ isInMergeQueue: true, mergeQueueEntry: { position: 1, state: "AWAITING_CHECKS" }, state: "OPEN" });
    // CI passes on the merge group: the queue merges it.
    w.sandbox.ci.complete({ ...at, sha: group.head_sha, name: "test", conclusion: "success" });
    expect(await entry(w, pull.number)).toEqual({ isInMergeQueue: false, mergeQueueEntry: null, state: "MERGED" });
    expect(w.sandbox.branches("acme", "api").find((b) => b.name === "main")?.sha).toBe(group.head_sha);
    expect(w.sandbox.branches("acme", "api").map((b) => b.name)).not.toContain(`gh-readonly-queue/main/pr-${pull.number}-${head}`);
    expect(w.sandbox.file("acme", "api", "main", "a.txt")).toBe("a");
    const names = seen.map((e) => `${e.name}.${String(e.payload.action ?? "")}`);
    expect(names).toContain("pull_request.enqueued");
    expect(seen.find((e) => e.name === "merge_group" && e.payload.action === "destroyed")?.payload.reason).toBe("merged");
    expect(w.sandbox.violations).toEqual([]);
  });

  it("removes an entry whose merge group fails CI (dequeued, CI_FAILURE), and builds the next entry's group on the base", async () => {
    const w = queued();
    const seen = events(w);
    const first = openPull(w, "one", { "one.txt": "1" });
    const second = openPull(w, "two", { "two.txt": "2" });
    for (const [pull, branch] of [[first, "one"], [second, "two"]] as const) {
      w.sandbox.ci.complete({ ...at, sha: branch, name: "test", conclusion: "success" });
      w.sandbox.as("rev").review({ ...at, pull: pull.number, event: "APPROVE" });
      await w.octokit.graphql(ENQUEUE, { id: pull.nodeId });
    }
    expect((await entry(w, second.number)).mergeQueueEntry).toEqual({ position: 2, state: "QUEUED" });
    const groups = () => seen.filter((e) => e.name === "merge_group" && e.payload.action === "checks_requested").map((e) => (e.payload.merge_group as { head_sha: string }).head_sha);
    w.sandbox.ci.complete({ ...at, sha: groups()[0] as string, name: "test", conclusion: "failure" });
    const dequeued = seen.find((e) => e.name === "pull_request" && e.payload.action === "dequeued");
    expect(dequeued?.payload).toMatchObject({ number: first.number, reason: "CI_FAILURE" });
    // The pull request's timeline keeps the removal, with the head it was about.
    const timeline = await w.octokit.graphql<{ repository: { pullRequest: { timelineItems: { nodes: unknown[] } } } }>(
      `query($n: Int!) { repository(owner: "acme", name: "api") { pullRequest(number: $n) { timelineItems(itemTypes: [REMOVED_FROM_MERGE_QUEUE_EVENT], last: 1) { nodes { ... on RemovedFromMergeQueueEvent { reason beforeCommit { oid } } } } } } }`,
      { n: first.number },
    );
    const firstHead = w.sandbox.branches("acme", "api").find((b) => b.name === "one")?.sha;
    expect(timeline.repository.pullRequest.timelineItems.nodes).toEqual([{ reason: "CI_FAILURE", beforeCommit: { oid: firstHead } }]);
    expect((await entry(w, first.number)).state).toBe("OPEN");
    expect((await entry(w, second.number)).mergeQueueEntry).toEqual({ position: 1, state: "AWAITING_CHECKS" });
    w.sandbox.ci.complete({ ...at, sha: groups()[1] as string, name: "test", conclusion: "success" });
    expect((await entry(w, second.number)).state).toBe("MERGED");
    expect(w.sandbox.file("acme", "api", "main", "one.txt")).toBeUndefined();
    expect(w.sandbox.violations).toEqual([]);
  });

  it("auto-merge on a queue branch joins the queue once the pull request is ready, without the repository's auto-merge setting", async () => {
    const w = queued();
    const pull = openPull(w, "feature", { "a.txt": "a" });
    await w.octokit.graphql(`mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id }) { pullRequest { number } } }`, { id: pull.nodeId });
    expect((await entry(w, pull.number)).isInMergeQueue).toBe(false);
    w.sandbox.ci.complete({ ...at, sha: "feature", name: "test", conclusion: "success" });
    w.sandbox.as("rev").review({ ...at, pull: pull.number, event: "APPROVE" });
    expect((await entry(w, pull.number)).mergeQueueEntry?.state).toBe("AWAITING_CHECKS");
  });

  it("with automatic CI, runs checks on the merge group and merges it on its own", async () => {
    const w = queued();
    w.sandbox.ci.auto({ ...at, kind: "checks", delayMs: 30_000, durationMs: 30_000, names: ["test"] });
    const pull = openPull(w, "feature", { "a.txt": "a" });
    w.sandbox.advance(120_000);
    w.sandbox.as("rev").review({ ...at, pull: pull.number, event: "APPROVE" });
    await w.octokit.graphql(ENQUEUE, { id: pull.nodeId });
    expect((await entry(w, pull.number)).state).toBe("OPEN");
    w.sandbox.advance(120_000);
    expect((await entry(w, pull.number)).state).toBe("MERGED");
  });
});
