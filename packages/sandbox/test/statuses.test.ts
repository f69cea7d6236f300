import { createRequire } from "node:module";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { beforeEach, describe, expect, it } from "vitest";
import { failureOf, seedWorld, statusOf, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const spec = createRequire(import.meta.url)("@octokit/openapi/generated/api.github.com.json") as { components: object };
const SPEC_ID = "https://sandbox.invalid/statuses-test-openapi.json";
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema({ components: spec.components, $id: SPEC_ID });

/** The errors of `value` against one of GitHub's OpenAPI component schemas (empty when it conforms). */
function schemaErrors(schema: string, value: unknown): string[] {
  const validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${schema}`);
  if (validate === undefined) throw new Error(`no schema ${schema}`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

/** The GraphQL `data` of a query the app's installation sends through the sandbox. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function graphql(world: World, query: string): Promise<any> {
  return world.octokit.graphql(query);
}

describe("commit statuses over REST", () => {
  let world: World;
  let sha: string;
  beforeEach(() => {
    world = seedWorld();
    sha = world.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "a.txt": "a" } }).sha;
  });

  it("creates a status as GitHub answers it, with the context defaulting to `default`", async () => {
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    const created = await dev.rest.repos.createCommitStatus({ ...at, sha, state: "pending", target_url: "https://ci.example/1", description: "building" });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`https://api.github.com/repos/acme/api/statuses/${sha}`);
    expect(created.data).toMatchObject({
      state: "pending",
      context: "default",
      description: "building",
      target_url: "https://ci.example/1",
      creator: { login: "dev" },
    });
    expect(schemaErrors("status", created.data)).toEqual([]);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("lists every status newest first and combines the latest per context", async () => {
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    await dev.rest.repos.createCommitStatus({ ...at, sha, state: "pending", context: "ci/build" });
    await dev.rest.repos.createCommitStatus({ ...at, sha, state: "pending", context: "ci/lint" });
    await dev.rest.repos.createCommitStatus({ ...at, sha, state: "success", context: "CI/Build" });
    const listed = await world.octokit.rest.repos.listCommitStatusesForRef({ ...at, ref: "feature" });
    expect(listed.data.map((s) => `${s.context}:${s.state}`)).toEqual(["CI/Build:success", "ci/lint:pending", "ci/build:pending"]);
    for (const status of listed.data) expect(schemaErrors("status", status)).toEqual([]);

    const pending = await world.octokit.rest.repos.getCombinedStatusForRef({ ...at, ref: sha });
    expect(pending.data).toMatchObject({ state: "pending", sha, total_count: 2, repository: { full_name: "acme/api" } });
    // Contexts compare case-insensitively: the later `CI/Build` replaced `ci/build`.
    expect(pending.data.statuses.map((s) => `${s.context}:${s.state}`).sort()).toEqual(["CI/Build:success", "ci/lint:pending"]);
    expect(schemaErrors("combined-commit-status", pending.data)).toEqual([]);

    await dev.rest.repos.createCommitStatus({ ...at, sha, state: "success", context: "ci/lint" });
    expect((await world.octokit.rest.repos.getCombinedStatusForRef({ ...at, ref: sha })).data.state).toBe("success");
    await dev.rest.repos.createCommitStatus({ ...at, sha, state: "error", context: "deploy" });
    expect((await world.octokit.rest.repos.getCombinedStatusForRef({ ...at, ref: sha })).data.state).toBe("failure");
    expect(world.sandbox.violations).toEqual([]);
  });

  it("answers a combined status of `pending` with no statuses at all", async () => {
    const combined = await world.octokit.rest.repos.getCombinedStatusForRef({ ...at, ref: "feature" });
    expect(combined.data).toMatchObject({ state: "pending", total_count: 0, statuses: [] });
  });

  it("answers 422 for a sha it cannot find, and for a branch name in place of a sha", async () => {
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    const unknown = await failureOf(dev.rest.repos.createCommitStatus({ ...at, sha: "0123456789012345678901234567890123456789", state: "success" }));
    expect(unknown).toMatchObject({ status: 422, data: { message: "No commit found for SHA: 0123456789012345678901234567890123456789" } });
    expect(await statusOf(dev.rest.repos.createCommitStatus({ ...at, sha: "feature", state: "success" }))).toBe(422);
    expect(await statusOf(world.octokit.rest.repos.getCombinedStatusForRef({ ...at, ref: "no-such-branch" }))).toBe(404);
  });

  it("rejects a state GitHub does not know, as schema validation does", async () => {
    const dev = world.withToken(world.sandbox.createUserToken("dev"));
    expect(await statusOf(dev.rest.repos.createCommitStatus({ ...at, sha, state: "green" as "success" }))).toBe(422);
  });

  it("needs push access from a user and `statuses: write` from an installation", async () => {
    const outsider = world.withToken(world.sandbox.createUserToken("outsider"));
    expect(await statusOf(outsider.rest.repos.createCommitStatus({ ...at, sha, state: "success" }))).toBe(403);
    // Factory asks for `statuses: read` only: it may read statuses and not post them.
    const refused = await failureOf(world.octokit.rest.repos.createCommitStatus({ ...at, sha, state: "success" }));
    expect(refused).toMatchObject({ status: 403, data: { message: "Resource not accessible by integration" } });
    expect((await world.octokit.rest.repos.listCommitStatusesForRef({ ...at, ref: sha })).data).toEqual([]);

    const ci = world.sandbox.createApp({ slug: "buildkite", permissions: { statuses: "write", metadata: "read" } });
    const installationId = world.sandbox.installApp({ appId: ci.id, account: "acme" });
    const { TestOctokit } = await import("./sandbox-fixture.js");
    const ciOctokit = new TestOctokit({ auth: { appId: ci.id, privateKey: ci.privateKey, installationId }, request: { fetch: world.sandbox.fetch } });
    const posted = await ciOctokit.rest.repos.createCommitStatus({ ...at, sha, state: "failure", context: "buildkite/api" });
    expect(posted.data.creator?.login).toBe("buildkite[bot]");

    const reader = world.sandbox.createApp({ slug: "reader", permissions: { metadata: "read" } });
    const readerInstallation = world.sandbox.installApp({ appId: reader.id, account: "acme" });
    const readerOctokit = new TestOctokit({ auth: { appId: reader.id, privateKey: reader.privateKey, installationId: readerInstallation }, request: { fetch: world.sandbox.fetch } });
    expect(await statusOf(readerOctokit.rest.repos.getCombinedStatusForRef({ ...at, ref: sha }))).toBe(403);
  });
});

describe("the status webhook", () => {
  it("carries GitHub's payload, with the branches that contain the commit", async () => {
    const world = seedWorld();
    const listener = world.sandbox.createApp({ slug: "status-listener", events: ["status"] });
    const listenerInstallation = world.sandbox.installApp({ appId: listener.id, account: "acme" });
    world.sandbox.webhooks.toUrl("http://127.0.0.1:9/unused", "x");
    world.sandbox.webhooks.pause();
    const sha = world.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "a.txt": "a" } }).sha;
    world.sandbox.ci.status({ ...at, sha, context: "ci/build", state: "success", targetUrl: "https://ci.example/7" });
    const delivery = world.sandbox.webhooks.log.find((d) => d.name === "status" && d.installationId === listenerInstallation);
    expect(delivery?.payload).toMatchObject({
      sha,
      name: "acme/api",
      context: "ci/build",
      state: "success",
      target_url: "https://ci.example/7",
      commit: { sha },
      branches: [{ name: "feature", commit: { sha }, protected: false }],
      sender: { login: "github-actions[bot]" },
      repository: { full_name: "acme/api" },
    });
    // A branch says whether it is protected.
    world.sandbox.protectBranch({ ...at, branch: "feature", requiredChecks: ["ci/build"] });
    world.sandbox.ci.status({ ...at, sha, context: "ci/build", state: "success" });
    const later = world.sandbox.webhooks.log.filter((d) => d.name === "status" && d.installationId === listenerInstallation).at(-1);
    expect(later?.payload).toMatchObject({ branches: [{ name: "feature", protected: true }] });
    // The payloads were checked against @octokit/openapi-webhooks when they were emitted.
    expect(world.sandbox.violations).toEqual([]);
  });
});

describe("commit statuses in GraphQL", () => {
  let world: World;
  let sha: string;
  let pull: number;
  beforeEach(() => {
    world = seedWorld();
    pull = world.sandbox.as("dev").openPullRequest({ ...at, head: "feature", title: "Feature" }).number;
    sha = world.sandbox.branches("acme", "api").find((b) => b.name === "feature")?.sha as string;
  });

  // GraphQL's Bot.login carries no `[bot]` suffix.
  it("serves Commit.status with the latest status per context", async () => {
    const none = await graphql(world, `{ repository(owner: "acme", name: "api") { ref(qualifiedName: "refs/heads/feature") { target { ... on Commit { status { state } } } } } }`);
    expect(none.repository.ref.target.status).toBeNull();
    world.sandbox.ci.status({ ...at, sha, context: "ci/build", state: "pending", targetUrl: "https://ci.example/1" });
    world.sandbox.ci.status({ ...at, sha, context: "ci/build", state: "failure", description: "2 tests failed" });
    world.sandbox.ci.status({ ...at, sha, context: "ci/lint", state: "success" });
    const result = await graphql(
      world,
      `{ repository(owner: "acme", name: "api") { ref(qualifiedName: "refs/heads/feature") { target { ... on Commit {
        status { state contexts { context state description targetUrl createdAt creator { login } } lint: context(name: "CI/LINT") { state } } } } } } }`,
    );
    expect(result.repository.ref.target.status).toEqual({
      state: "FAILURE",
      contexts: [
        { context: "ci/build", state: "FAILURE", description: "2 tests failed", targetUrl: null, createdAt: expect.any(String), creator: { login: "github-actions" } },
        { context: "ci/lint", state: "SUCCESS", description: "ci/lint: success", targetUrl: null, createdAt: expect.any(String), creator: { login: "github-actions" } },
      ],
      lint: { state: "SUCCESS" },
    });
  });

  it("rolls check runs and statuses up together, on the commit and on the pull request", async () => {
    world.sandbox.ci.complete({ ...at, sha, name: "build", conclusion: "success" });
    world.sandbox.ci.status({ ...at, sha, context: "ci/deploy", state: "pending" });
    const query = `{ repository(owner: "acme", name: "api") { pullRequest(number: ${pull}) {
      statusCheckRollup { state contexts(first: 10) { totalCount checkRunCount statusContextCount nodes {
        __typename ... on CheckRun { name conclusion isRequired(pullRequestNumber: ${pull}) }
        ... on StatusContext { context state isRequired(pullRequestNumber: ${pull}) } } } }
      commits(last: 1) { nodes { commit { statusCheckRollup { state } } } } } } }`;
    let pr = (await graphql(world, query)).repository.pullRequest;
    expect(pr.statusCheckRollup).toEqual({
      state: "PENDING",
      contexts: {
        totalCount: 2,
        checkRunCount: 1,
        statusContextCount: 1,
        nodes: [
          { __typename: "CheckRun", name: "build", conclusion: "SUCCESS", isRequired: false },
          { __typename: "StatusContext", context: "ci/deploy", state: "PENDING", isRequired: false },
        ],
      },
    });
    expect(pr.commits.nodes[0].commit.statusCheckRollup.state).toBe("PENDING");

    world.sandbox.ci.status({ ...at, sha, context: "ci/deploy", state: "success" });
    pr = (await graphql(world, query)).repository.pullRequest;
    expect(pr.statusCheckRollup.state).toBe("SUCCESS");

    // A failing status fails the rollup however green the check runs are; so does an errored one.
    world.sandbox.ci.status({ ...at, sha, context: "ci/deploy", state: "error" });
    pr = (await graphql(world, query)).repository.pullRequest;
    expect(pr.statusCheckRollup.state).toBe("FAILURE");
    expect(world.sandbox.violations).toEqual([]);
  });

  it("says which contexts the base branch's protection requires", async () => {
    world.sandbox.protectBranch({ ...at, branch: "main", requiredChecks: ["build", "CI/Jenkins"] });
    world.sandbox.ci.complete({ ...at, sha, name: "build", conclusion: "success" });
    world.sandbox.ci.complete({ ...at, sha, name: "lint", conclusion: "success" });
    world.sandbox.ci.status({ ...at, sha, context: "ci/jenkins", state: "success" });
    world.sandbox.ci.status({ ...at, sha, context: "ci/docs", state: "success" });
    const result = await graphql(
      world,
      `{ repository(owner: "acme", name: "api") { pullRequest(number: ${pull}) { statusCheckRollup { contexts(first: 10) { nodes {
        ... on CheckRun { name isRequired(pullRequestNumber: ${pull}) } ... on StatusContext { context isRequired(pullRequestNumber: ${pull}) } } } } } } }`,
    );
    expect(result.repository.pullRequest.statusCheckRollup.contexts.nodes).toEqual([
      { name: "build", isRequired: true },
      { name: "lint", isRequired: false },
      // Status contexts compare case-insensitively.
      { context: "ci/jenkins", isRequired: true },
      { context: "ci/docs", isRequired: false },
    ]);
  });

  it("serves a rollup of statuses alone, and a status context by node id", async () => {
    const status = world.sandbox.ci.status({ ...at, sha, context: "jenkins", state: "success" });
    const result = await graphql(
      world,
      `{ repository(owner: "acme", name: "api") { ref(qualifiedName: "refs/heads/feature") { target { ... on Commit { statusCheckRollup { state contexts(first: 5) { nodes { __typename } } } } } } }
        node(id: "${status.nodeId}") { ... on StatusContext { context state commit { oid } } } }`,
    );
    expect(result.repository.ref.target.statusCheckRollup).toEqual({ state: "SUCCESS", contexts: { nodes: [{ __typename: "StatusContext" }] } });
    expect(result.node).toEqual({ context: "jenkins", state: "SUCCESS", commit: { oid: sha } });
  });
});

describe("commit statuses and mergeability", () => {
  it("makes a pull request unstable while a status is pending or failing, clean once it succeeds", () => {
    const world = seedWorld();
    const pull = world.sandbox.as("dev").openPullRequest({ ...at, head: "feature", title: "Feature" }).number;
    const state = (): unknown => world.sandbox.snapshot().pulls.find((p) => p.number === pull)?.mergeableState;
    expect(state()).toBe("clean");
    world.sandbox.ci.status({ ...at, sha: "feature", context: "ci", state: "pending" });
    expect(state()).toBe("unstable");
    world.sandbox.ci.status({ ...at, sha: "feature", context: "ci", state: "failure" });
    expect(state()).toBe("unstable");
    world.sandbox.ci.status({ ...at, sha: "feature", context: "ci", state: "success" });
    expect(state()).toBe("clean");
    expect(world.sandbox.snapshot().statuses.map((s) => s.state)).toEqual(["pending", "failure", "success"]);
  });
});
