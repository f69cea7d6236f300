import { beforeEach, describe, expect, it } from "vitest";
import { Store } from "../src/store.js";
import type { Account, Issue, PullRequest, Repo, StoreEvent } from "../src/store.js";
import { executeGraphql } from "../src/graphql/execute-graphql.js";
import type { GraphqlResponse } from "../src/graphql/execute-graphql.js";

interface World {
  store: Store;
  events: StoreEvent[];
  alice: Account;
  bob: Account;
  repo: Repo;
  audit: Issue;
  children: Issue[];
  pull: PullRequest;
  epicPull: PullRequest;
}

/**
 * acme/widgets with: #1 an audit (label `bug`, a comment with a reaction,
 * sub-issues #2 and #3), #2–#6 open child issues (#6 closed), #7 a pull
 * request from `fix-2` into `main` that fixes #2 with a failing check and a
 * change request, #8 a pull request into `epic/1` that also names #3.
 */
function seed(): World {
  let clock = Date.parse("2025-03-01T10:00:00Z");
  const store = new Store({ now: () => new Date((clock += 1000)) });
  const events: StoreEvent[] = [];
  store.onEvent((event) => events.push(event));
  const { accounts } = store.ops;
  const alice = accounts.createUser({ login: "alice", name: "Alice" });
  accounts.createOrg({ login: "acme", members: [{ login: "alice", role: "admin" }] });
  const bob = accounts.createUser({ login: "bob" });
  accounts.createUser({ login: "factory[bot]", type: "Bot" });
  accounts.createUser({ login: "Copilot", type: "Bot" });
  const repo = accounts.createRepo({ owner: "acme", name: "widgets" });
  accounts.addCollaborator({ owner: "acme", repo: "widgets", login: "bob", permission: "write" });
  const audit = store.ops.issues.create({ actor: alice, repo, title: "[Audit] API", body: "findings", labels: ["bug"] });
  const children = [2, 3, 4, 5, 6].map((n) =>
    store.ops.issues.create({
      actor: alice,
      repo,
      title: `child ${n}`,
      body: `body ${n}`,
      labels: n % 2 === 0 ? ["enhancement"] : ["documentation"],
      assignees: n === 2 ? ["bob"] : [],
    }),
  );
  const comment = store.ops.comments.create({ actor: bob, repo, number: 1, body: "first!" });
  store.ops.reactions.add({ actor: alice, repo, target: { kind: "comment", commentId: comment.id }, content: "rocket" });
  store.ops.reactions.add({ actor: bob, repo, target: { kind: "comment", commentId: comment.id }, content: "eyes" });
  for (const child of children.slice(0, 2)) {
    store.addSubIssue({ actor: alice, repo, parentNumber: 1, childId: child.id });
  }
  store.ops.issues.update({ actor: alice, repo, number: 6, state: "closed", stateReason: "not_planned" });
  store.ops.git.pushCommit({ actor: bob, repo, branch: "fix-2", files: { "a.ts": "one" }, message: "first" });
  store.ops.git.pushCommit({ actor: bob, repo, branch: "fix-2", files: { "a.ts": "two" }, message: "second\n\nmore" });
  const pull = store.ops.pulls.create({ actor: bob, repo, head: "fix-2", base: "main", title: "Fix 2", body: "Fixes #2" });
  store.ops.checks.create({ app: null, repo, headSha: pull.head.sha, name: "build", status: "completed", conclusion: "success" });
  store.ops.checks.create({ app: null, repo, headSha: pull.head.sha, name: "test", status: "completed", conclusion: "failure" });
  store.ops.reviews.create({
    actor: alice,
    repo,
    number: pull.number,
    event: "REQUEST_CHANGES",
    body: "please fix",
    comments: [{ path: "a.ts", line: 1, body: "wrong" }],
  });
  store.ops.git.pushCommit({ actor: alice, repo, branch: "epic/1", files: { "e.ts": "e" }, message: "epic" });
  store.ops.git.pushCommit({ actor: bob, repo, branch: "fix-3", files: { "b.ts": "b" }, message: "b", from: "epic/1" });
  const epicPull = store.ops.pulls.create({ actor: bob, repo, head: "fix-3", base: "epic/1", title: "Fix 3", body: "Closes #3" });
  return { store, events, alice, bob, repo, audit, children, pull, epicPull };
}

/** Query results are asserted by value; their shape is whatever the query selected. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type QueryData = any;

let world: World;
beforeEach(() => {
  world = seed();
});

async function run(params: {
  query: string;
  variables?: Record<string, unknown>;
  viewer?: { login: string; type: "User" | "Bot" };
}): Promise<GraphqlResponse> {
  return executeGraphql({
    store: world.store,
    query: params.query,
    variables: params.variables,
    viewer: params.viewer ?? { login: "factory[bot]", type: "Bot" },
  });
}

/** Runs a query that must succeed and returns its data. */
async function data(query: string, variables?: Record<string, unknown>): Promise<QueryData> {
  const response = await run({ query, variables });
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
}

describe("validation", () => {
  it.each([
    {
      label: "an unknown field",
      query: `{ repository(owner: "acme", name: "widgets") { issue(number: 1) { nope } } }`,
      message: "Field 'nope' doesn't exist on type 'Issue'",
    },
    {
      label: "an unknown argument",
      query: `{ repository(owner: "acme", name: "widgets") { issue(num: 1) { id } } }`,
      message: "Field 'issue' doesn't accept argument 'num'",
    },
    {
      label: "a missing required argument",
      query: `{ repository(owner: "acme") { id } }`,
      message: "Field 'repository' is missing required arguments: name",
    },
    {
      label: "an object without a selection",
      query: `{ repository(owner: "acme", name: "widgets") { owner } }`,
      message:
        "Field must have selections (field 'owner' returns RepositoryOwner but has no selections. Did you mean 'owner { ... }'?)",
    },
  ])("rejects $label with GitHub's message and no data", async ({ query, message }) => {
    const response = await run({ query });
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.message).toBe(message);
    expect(response.body.errors?.[0]?.locations?.[0]?.line).toBe(1);
    expect(response.cost).toBe(0);
  });

  it("rejects a syntax error", async () => {
    const response = await run({ query: "{ viewer { login }" });
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.message).toMatch(/^Syntax Error/);
  });

  it("rejects a variable of the wrong type", async () => {
    const response = await run({
      query: `query($n: Int!) { repository(owner: "acme", name: "widgets") { issue(number: $n) { id } } }`,
      variables: { n: "one" },
    });
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.message).toMatch(/\$n/);
  });

  it("accepts the newer fields GitHub serves beyond the packaged schema", async () => {
    const result = await data(
      `{ repository(owner: "acme", name: "widgets") { suggestedActors(capabilities: [CAN_BE_ASSIGNED], first: 10) { nodes { login __typename } } } }`,
    );
    expect(result.repository.suggestedActors.nodes).toEqual([
      { login: "alice", __typename: "User" },
      { login: "bob", __typename: "User" },
      { login: "Copilot", __typename: "Bot" },
    ]);
  });
});

describe("unimplemented fields fail loudly", () => {
  it.each([
    { field: "Issue.milestone", query: `issue(number: 1) { milestone { title } }`, path: ["repository", "issue", "milestone"] },
    { field: "Repository.forkCount", query: `forkCount`, path: ["repository", "forkCount"] },
    { field: "Issue.trackedIssues", query: `issue(number: 1) { trackedIssues(first: 1) { totalCount } }`, path: ["repository", "issue", "trackedIssues"] },
  ])("$field", async ({ query, path }) => {
    const response = await run({ query: `{ repository(owner: "acme", name: "widgets") { ${query} } }` });
    const error = response.body.errors?.[0];
    expect(error?.message).toBe(`sandbox: field ${path.length === 2 ? "Repository" : "Issue"}.${path.at(-1)} is not implemented`);
    expect(error?.path).toEqual(path);
  });

  it("an argument the sandbox does not model", async () => {
    const response = await run({
      query: `{ repository(owner: "acme", name: "widgets") { issues(first: 5, filterBy: { mentioned: "bob" }) { totalCount } } }`,
    });
    expect(response.body.errors?.[0]?.message).toBe("sandbox: argument Repository.issues(mentioned:) is not implemented");
  });
});

describe("queries read the store", () => {
  it("viewer is the account the request acts as", async () => {
    expect(await data(`{ viewer { login } }`)).toEqual({ viewer: { login: "factory[bot]" } });
    const asAlice = await run({ query: `{ viewer { login name } }`, viewer: { login: "alice", type: "User" } });
    expect(asAlice.body.data).toEqual({ viewer: { login: "alice", name: "Alice" } });
  });

  it("repository and its default branch", async () => {
    const result = await data(
      `{ repository(owner: "ACME", name: "widgets") { id name nameWithOwner defaultBranchRef { name target { oid } } labels(first: 2) { nodes { name color } } } }`,
    );
    expect(result.repository).toEqual({
      id: world.repo.nodeId,
      name: "widgets",
      nameWithOwner: "acme/widgets",
      defaultBranchRef: { name: "main", target: { oid: world.repo.refs.get("refs/heads/main") } },
      labels: { nodes: [...world.repo.labels.values()].slice(0, 2).map(({ name, color }) => ({ name, color })) },
    });
  });

  it("an issue with its labels, comments, reactions and sub-issues", async () => {
    const result = await data(`{ repository(owner: "acme", name: "widgets") { issue(number: 1) {
      id number title body state stateReason url author { login } labels(first: 5) { nodes { name } }
      assignees(first: 5) { nodes { login } }
      comments(first: 5) { totalCount nodes { id databaseId body author { login }
        reactions(first: 5) { totalCount nodes { content user { login } } }
        rocket: reactions(first: 5, content: ROCKET) { totalCount } } }
      subIssues(first: 5) { totalCount nodes { number parent { number } assignees(first: 1) { nodes { login } } } }
      subIssuesSummary { total completed percentCompleted } parent { number } } } }`);
    const comment = world.store.commentsOf(world.repo, 1)[0];
    expect(result.repository.issue).toEqual({
      id: world.audit.nodeId,
      number: 1,
      title: "[Audit] API",
      body: "findings",
      state: "OPEN",
      stateReason: null,
      url: "https://github.com/acme/widgets/issues/1",
      author: { login: "alice" },
      labels: { nodes: [{ name: "bug" }] },
      assignees: { nodes: [] },
      comments: {
        totalCount: 1,
        nodes: [
          {
            id: comment?.nodeId,
            databaseId: comment?.id,
            body: "first!",
            author: { login: "bob" },
            reactions: {
              totalCount: 2,
              nodes: [
                { content: "ROCKET", user: { login: "alice" } },
                { content: "EYES", user: { login: "bob" } },
              ],
            },
            rocket: { totalCount: 1 },
          },
        ],
      },
      subIssues: {
        totalCount: 2,
        nodes: [
          { number: 2, parent: { number: 1 }, assignees: { nodes: [{ login: "bob" }] } },
          { number: 3, parent: { number: 1 }, assignees: { nodes: [] } },
        ],
      },
      subIssuesSummary: { total: 2, completed: 0, percentCompleted: 0 },
      parent: null,
    });
  });

  it("a closed issue's state and reason", async () => {
    const result = await data(
      `{ repository(owner: "acme", name: "widgets") { issue(number: 6) { state stateReason closedAt } } }`,
    );
    expect(result.repository.issue).toMatchObject({ state: "CLOSED", stateReason: "NOT_PLANNED" });
    expect(result.repository.issue.closedAt).toMatch(/^2025-03-01T10:\d\d:\d\dZ$/);
  });

  it("an issue's reopenings, newest last, from its timeline", async () => {
    world.store.ops.issues.update({ actor: world.bob, repo: world.repo, number: 6, state: "open" });
    world.store.ops.issues.update({ actor: world.alice, repo: world.repo, number: 6, state: "closed" });
    world.store.ops.issues.update({ actor: world.alice, repo: world.repo, number: 6, state: "open" });
    const query = `{ repository(owner: "acme", name: "widgets") { issue(number: 6) { state stateReason
      timelineItems(itemTypes: [REOPENED_EVENT], last: 5) { totalCount nodes { __typename ... on ReopenedEvent { createdAt actor { login } } } } } } }`;
    const issue = (await data(query)).repository.issue;
    expect(issue).toMatchObject({ state: "OPEN", stateReason: "REOPENED" });
    expect(issue.timelineItems.totalCount).toBe(2);
    expect(issue.timelineItems.nodes.map((node: { actor: { login: string } }) => node.actor.login)).toEqual(["bob", "alice"]);
    const [first, second] = issue.timelineItems.nodes.map((node: { createdAt: string }) => Date.parse(node.createdAt));
    expect(second).toBeGreaterThan(first);
  });

  it("refuses timeline items it does not keep", async () => {
    const response = await run({ query: `{ repository(owner: "acme", name: "widgets") { issue(number: 6) { timelineItems(last: 5) { totalCount } } } }` });
    expect(response.body.errors?.[0]?.message).toBe("sandbox: Issue.timelineItems keeps only reopenings: pass itemTypes: [REOPENED_EVENT]");
  });

  it("a pull request's own check rollup is its head commit's", async () => {
    const query = `{ repository(owner: "acme", name: "widgets") {
      fixes: pullRequest(number: 7) { statusCheckRollup { state contexts(first: 5) { nodes { ... on CheckRun { name conclusion } } } } headRef { target { ... on Commit { oid } } } }
      quiet: pullRequest(number: 8) { statusCheckRollup { state } } } }`;
    const result = (await data(query)).repository;
    expect(result.fixes.statusCheckRollup).toEqual({ state: "FAILURE", contexts: { nodes: [{ name: "build", conclusion: "SUCCESS" }, { name: "test", conclusion: "FAILURE" }] } });
    expect(result.fixes.headRef.target.oid).toBe(world.pull.head.sha);
    expect(result.quiet.statusCheckRollup).toBeNull();
  });

  it("a rollup holds commit statuses beside check runs, and a status alone is a rollup too", async () => {
    const { store, bob, repo, pull, epicPull } = world;
    store.ops.statuses.create({ actor: bob, repo, sha: pull.head.sha, state: "pending", context: "jenkins" });
    store.ops.statuses.create({ actor: bob, repo, sha: epicPull.head.sha, state: "success", context: "buildkite" });
    const result = (
      await data(`{ repository(owner: "acme", name: "widgets") {
        fixes: pullRequest(number: 7) { statusCheckRollup { state contexts(first: 5) { nodes { __typename ... on CheckRun { name } ... on StatusContext { context state } } } } }
        quiet: pullRequest(number: 8) { statusCheckRollup { state } headRef { target { ... on Commit { status { state contexts { context } } } } } } } }`)
    ).repository;
    // The failing check run still decides the state: FAILURE outranks a pending status.
    expect(result.fixes.statusCheckRollup).toEqual({
      state: "FAILURE",
      contexts: { nodes: [{ __typename: "CheckRun", name: "build" }, { __typename: "CheckRun", name: "test" }, { __typename: "StatusContext", context: "jenkins", state: "PENDING" }] },
    });
    expect(result.quiet.statusCheckRollup).toEqual({ state: "SUCCESS" });
    expect(result.quiet.headRef.target.status).toEqual({ state: "SUCCESS", contexts: [{ context: "buildkite" }] });
  });

  it("a pull request's structural state", async () => {
    const result = await data(`{ repository(owner: "acme", name: "widgets") { pullRequest(number: 7) {
      id number title state merged mergedAt isDraft baseRefName headRefName headRefOid mergeable mergeStateStatus
      reviewDecision autoMergeRequest { enabledAt mergeMethod }
      commits(last: 1) { totalCount nodes { commit { oid messageHeadline statusCheckRollup { state
        contexts(first: 10) { nodes { __typename ... on CheckRun { name conclusion status } } } } } } }
      reviewThreads(first: 10) { totalCount nodes { id isResolved comments(first: 1) { nodes { body createdAt commit { oid } } } } }
      reviews(last: 5) { nodes { state author { login } submittedAt } }
      closingIssuesReferences(first: 5) { nodes { number } } } } }`);
    const pr = result.repository.pullRequest;
    const thread = world.pull.threads[0];
    expect(pr).toMatchObject({
      id: world.pull.nodeId,
      number: 7,
      state: "OPEN",
      merged: false,
      mergedAt: null,
      isDraft: false,
      baseRefName: "main",
      headRefName: "fix-2",
      headRefOid: world.pull.head.sha,
      reviewDecision: "CHANGES_REQUESTED",
      autoMergeRequest: null,
      commits: {
        totalCount: 2,
        nodes: [
          {
            commit: {
              oid: world.pull.head.sha,
              messageHeadline: "second",
              statusCheckRollup: {
                state: "FAILURE",
                contexts: {
                  nodes: [
                    { __typename: "CheckRun", name: "build", conclusion: "SUCCESS", status: "COMPLETED" },
                    { __typename: "CheckRun", name: "test", conclusion: "FAILURE", status: "COMPLETED" },
                  ],
                },
              },
            },
          },
        ],
      },
      reviewThreads: {
        totalCount: 1,
        nodes: [{ id: thread?.nodeId, isResolved: false, comments: { nodes: [{ body: "wrong", commit: { oid: world.pull.head.sha } }] } }],
      },
      reviews: { nodes: [{ state: "CHANGES_REQUESTED", author: { login: "alice" } }] },
      closingIssuesReferences: { nodes: [{ number: 2 }] },
    });
    expect(["MERGEABLE", "CONFLICTING", "UNKNOWN"]).toContain(pr.mergeable);
    expect(pr.mergeStateStatus).toBe(world.pull.mergeableState.toUpperCase());
  });

  it("closing keywords link nothing when the pull request does not target the default branch", async () => {
    const result = await data(
      `{ repository(owner: "acme", name: "widgets") { pullRequest(number: 8) { baseRefName closingIssuesReferences(first: 5) { totalCount } } } }`,
    );
    expect(result.repository.pullRequest).toEqual({ baseRefName: "epic/1", closingIssuesReferences: { totalCount: 0 } });
  });

  it("node and nodes resolve ids to their types", async () => {
    const result = await data(
      `query($id: ID!, $ids: [ID!]!) {
        node(id: $id) { __typename ... on Issue { number } }
        nodes(ids: $ids) { __typename ... on PullRequest { number headRefName } ... on Issue { title } }
      }`,
      { id: world.children[0]?.nodeId, ids: [world.pull.nodeId, world.audit.nodeId] },
    );
    expect(result).toEqual({
      node: { __typename: "Issue", number: 2 },
      nodes: [
        { __typename: "PullRequest", number: 7, headRefName: "fix-2" },
        { __typename: "Issue", title: "[Audit] API" },
      ],
    });
  });

  it("nodes(ids:) nulls only the entry it cannot resolve", async () => {
    const response = await run({ query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: [world.audit.nodeId, "bogus"] } });
    expect(response.body.data).toEqual({ nodes: [{ id: world.audit.nodeId }, null] });
    expect(response.body.errors).toEqual([expect.objectContaining({ type: "NOT_FOUND", path: ["nodes", 1] })]);
  });

  it("runs the named operation of a document holding several", async () => {
    const query = `query A { viewer { login } } query B { repository(owner: "acme", name: "widgets") { name } }`;
    const response = await executeGraphql({
      store: world.store,
      query,
      operationName: "B",
      viewer: { login: "alice", type: "User" },
    });
    expect(response).toEqual({ body: { data: { repository: { name: "widgets" } } }, cost: 1, operationName: "B" });
    expect((await run({ query })).body.errors?.[0]?.message).toMatch(/operation name is required/);
  });

  it.each([
    {
      label: "an unknown repository",
      query: `{ repository(owner: "acme", name: "nope") { id } }`,
      message: "Could not resolve to a Repository with the name 'acme/nope'.",
      path: ["repository"],
    },
    {
      label: "issue(number:) of a pull request",
      query: `{ repository(owner: "acme", name: "widgets") { issue(number: 7) { id } } }`,
      message: "Could not resolve to an Issue with the number of 7.",
      path: ["repository", "issue"],
    },
    {
      label: "an unknown node id",
      query: `{ node(id: "I_nope") { id } }`,
      message: "Could not resolve to a node with the global id of 'I_nope'",
      path: ["node"],
    },
  ])("answers $label with NOT_FOUND and partial data", async ({ query, message, path }) => {
    const response = await run({ query });
    expect(response.body.errors).toEqual([expect.objectContaining({ type: "NOT_FOUND", message, path })]);
    expect(response.body.data).toBeDefined();
  });
});

describe("pagination", () => {
  const pageQuery = `query($after: String, $states: [IssueState!], $labels: [String!], $orderBy: IssueOrder) {
    repository(owner: "acme", name: "widgets") {
      issues(first: 2, after: $after, states: $states, labels: $labels, orderBy: $orderBy) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { number } } } }`;

  it("walks every page with opaque cursors", async () => {
    const numbers: number[] = [];
    const pages: boolean[] = [];
    let after: string | null = null;
    do {
      const result = await data(pageQuery, { after });
      const page = result.repository.issues;
      expect(page.totalCount).toBe(6);
      numbers.push(...page.nodes.map((node: { number: number }) => node.number));
      pages.push(page.pageInfo.hasNextPage);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      expect(after ?? "").not.toMatch(/^\d+$/);
    } while (after !== null);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pages).toEqual([true, true, false]);
  });

  it.each([
    { label: "open issues", variables: { states: ["OPEN"] }, numbers: [1, 2], total: 5 },
    { label: "closed issues", variables: { states: ["CLOSED"] }, numbers: [6], total: 1 },
    { label: "any of several labels", variables: { labels: ["bug", "DOCUMENTATION"] }, numbers: [1, 3], total: 3 },
    { label: "newest first", variables: { orderBy: { field: "CREATED_AT", direction: "DESC" } }, numbers: [6, 5], total: 6 },
  ])("filters and orders: $label", async ({ variables, numbers, total }) => {
    const result = await data(pageQuery, variables);
    expect(result.repository.issues.totalCount).toBe(total);
    expect(result.repository.issues.nodes.map((node: { number: number }) => node.number)).toEqual(numbers);
  });

  it("last takes the tail", async () => {
    const result = await data(
      `{ repository(owner: "acme", name: "widgets") { issues(last: 2) { pageInfo { hasNextPage hasPreviousPage } nodes { number } } } }`,
    );
    expect(result.repository.issues).toEqual({
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
      nodes: [{ number: 5 }, { number: 6 }],
    });
  });

  it.each([
    {
      label: "first over 100",
      connection: "issues(first: 101) { nodes { id } }",
      type: "EXCESSIVE_PAGINATION",
      message: "Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records.",
    },
    {
      label: "last over 100",
      connection: "labels(last: 250) { nodes { id } }",
      type: "EXCESSIVE_PAGINATION",
      message: "Requesting 250 records on the `labels` connection exceeds the `last` limit of 100 records.",
    },
    {
      label: "no first or last",
      connection: "issues { nodes { id } }",
      type: "MISSING_PAGINATION_BOUNDARIES",
      message: "You must provide a `first` or `last` value to properly paginate the `issues` connection.",
    },
  ])("rejects $label before running", async ({ connection, type, message }) => {
    const response = await run({ query: `{ repository(owner: "acme", name: "widgets") { ${connection} } }` });
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([expect.objectContaining({ type, message, path: ["repository", connection.split(/[( ]/)[0]] })]);
    expect(response.cost).toBe(0);
  });

  it("allows totalCount without a page size", async () => {
    const result = await data(`{ repository(owner: "acme", name: "widgets") { issues(states: OPEN) { totalCount } } }`);
    expect(result.repository.issues.totalCount).toBe(5);
  });

  it("rejects a cursor it did not issue", async () => {
    const response = await run({ query: pageQuery, variables: { after: "bm90LWEtY3Vyc29y" } });
    expect(response.body.errors?.[0]).toMatchObject({ type: "INVALID_CURSOR_ARGUMENTS" });
  });
});

describe("cost", () => {
  it.each([
    { label: "no connection", query: `{ viewer { login } }`, cost: 1 },
    { label: "one small connection", query: `{ repository(owner: "acme", name: "widgets") { issues(first: 10) { nodes { id } } } }`, cost: 1 },
    {
      // 1 request for pullRequests, then per PR: 1 for commits, 1 for reviewThreads,
      // and per thread 1 for comments: 1 + 100 + 100 + 100 * 100 = 10,201 → 102.
      label: "nested connections multiply",
      query: `{ repository(owner: "acme", name: "widgets") { pullRequests(first: 100) { nodes {
        commits(last: 1) { nodes { commit { oid } } }
        reviewThreads(first: 100) { nodes { comments(first: 1) { nodes { id } } } } } } } }`,
      cost: 102,
    },
    {
      // GitHub's documented example: 1 + 50 + 50 * 20 = 1,051 → 11.
      label: "through fragments",
      query: `query { repository(owner: "acme", name: "widgets") { issues(first: 50) { nodes { ...F } } } }
        fragment F on Issue { labels(first: 20) { nodes { name } } comments(first: 20) { nodes { reactions(first: 1) { totalCount } } } }`,
      cost: 11,
    },
  ])("$label costs $cost", async ({ query, cost }) => {
    const response = await run({ query });
    expect(response.body.errors).toBeUndefined();
    expect(response.cost).toBe(cost);
  });

  it("rateLimit reports the query's own cost and what remains", async () => {
    const query = `query Audit { rateLimit { cost limit remaining used resetAt }
      repository(owner: "acme", name: "widgets") { pullRequests(first: 100) { nodes { reviewThreads(first: 100) { totalCount } } } } }`;
    const first = await run({ query });
    expect(first.operationName).toBe("Audit");
    expect(first.cost).toBe(1);
    const limits = (first.body.data as QueryData).rateLimit;
    expect(limits).toMatchObject({ cost: 1, limit: 5000, remaining: 4999, used: 1 });
    // The hour opens at the first query, a little after the seeded history.
    expect(limits.resetAt).toMatch(/^2025-03-01T11:0\d:\d\dZ$/);
    const second = await run({ query });
    expect((second.body.data as QueryData).rateLimit).toEqual({ ...limits, used: 2, remaining: 4998 });
  });

  it("refuses a query once the hour's points are spent, and spends nothing on it", async () => {
    const costly = `{ repository(owner: "acme", name: "widgets") { pullRequests(first: 100) { nodes {
      reviewThreads(first: 100) { nodes { comments(first: 1) { nodes { id } } } } } } } }`;
    for (let spent = 0; spent + 101 <= 5000; spent += 101) {
      expect((await run({ query: costly })).body.errors).toBeUndefined();
    }
    const refused = await run({ query: costly });
    expect(refused.body).toEqual({ errors: [expect.objectContaining({ type: "RATE_LIMITED" })] });
    expect(refused.cost).toBe(0);
    const cheap = await data(`{ rateLimit { used remaining } }`);
    expect(cheap.rateLimit).toEqual({ used: 4950, remaining: 50 });
    // Another account has its own hour.
    const asAlice = await run({ query: costly, viewer: { login: "alice", type: "User" } });
    expect(asAlice.body.errors).toBeUndefined();
  });

  it("names anonymous operations", async () => {
    expect((await run({ query: "{ viewer { login } }" })).operationName).toBe("anonymous");
  });
});

describe("mutations", () => {
  function eventsNamed(name: string): StoreEvent[] {
    return world.events.filter((event) => event.name === name);
  }

  it("addComment comments through the store and fires issue_comment", async () => {
    const before = world.events.length;
    const response = await run({
      query: `mutation($id: ID!) { addComment(input: { subjectId: $id, body: "Target branch: epic/1", clientMutationId: "m1" }) {
        clientMutationId commentEdge { node { body author { login } } } subject { ... on Issue { number } } } }`,
      variables: { id: world.children[0]?.nodeId },
    });
    expect(response.body).toEqual({
      data: {
        addComment: {
          clientMutationId: "m1",
          commentEdge: { node: { body: "Target branch: epic/1", author: { login: "factory" } } },
          subject: { number: 2 },
        },
      },
    });
    expect(response.cost).toBe(1);
    expect(world.store.commentsOf(world.repo, 2).map((comment) => comment.body)).toEqual(["Target branch: epic/1"]);
    expect(world.events.slice(before).map((event) => `${event.name}.${String(event.payload.action)}`)).toEqual([
      "issue_comment.created",
    ]);
  });

  it("addSubIssue links a child under a parent", async () => {
    const child = world.children[2];
    const response = await run({
      query: `mutation($parent: ID!, $child: ID!) { addSubIssue(input: { issueId: $parent, subIssueId: $child }) {
        issue { subIssues(first: 10) { totalCount } } subIssue { parent { number } } } }`,
      variables: { parent: world.audit.nodeId, child: child?.nodeId },
    });
    expect(response.body.data).toEqual({ addSubIssue: { issue: { subIssues: { totalCount: 3 } }, subIssue: { parent: { number: 1 } } } });
    expect(world.audit.subIssueIds).toContain(child?.id);
    expect(eventsNamed("sub_issues").at(-1)?.payload.action).toMatch(/issue_added$/);
  });

  it("resolveReviewThread resolves the thread", async () => {
    const thread = world.pull.threads[0];
    const response = await run({
      query: `mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id isResolved } } }`,
      variables: { id: thread?.nodeId },
    });
    expect(response.body.data).toEqual({ resolveReviewThread: { thread: { id: thread?.nodeId, isResolved: true } } });
    expect(thread?.isResolved).toBe(true);
    expect(eventsNamed("pull_request_review_thread").at(-1)?.payload.action).toBe("resolved");
  });

  it("enablePullRequestAutoMerge records the request", async () => {
    const response = await run({
      query: `mutation($id: ID!, $oid: GitObjectID) { enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: SQUASH, expectedHeadOid: $oid }) {
        pullRequest { autoMergeRequest { mergeMethod enabledBy { login } } } } }`,
      variables: { id: world.pull.nodeId, oid: world.pull.head.sha },
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      enablePullRequestAutoMerge: { pullRequest: { autoMergeRequest: { mergeMethod: "SQUASH", enabledBy: { login: "factory" } } } },
    });
    expect(world.pull.autoMerge).toMatchObject({ mergeMethod: "squash" });
    expect(eventsNamed("pull_request").at(-1)?.payload.action).toBe("auto_merge_enabled");
  });

  it("enablePullRequestAutoMerge refuses a head the client has not seen", async () => {
    const response = await run({
      query: `mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id, expectedHeadOid: "0000000000000000000000000000000000000000" }) { clientMutationId } }`,
      variables: { id: world.pull.nodeId },
    });
    expect(response.body.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE", path: ["enablePullRequestAutoMerge"] });
    expect(world.pull.autoMerge).toBeNull();
  });

  it("replaceActorsForAssignable sets the assignees, bots included", async () => {
    const copilot = world.store.account("Copilot");
    const response = await run({
      query: `mutation($issue: ID!, $actors: [ID!]!) { replaceActorsForAssignable(input: { assignableId: $issue, actorIds: $actors }) {
        assignable { ... on Issue { number assignees(first: 5) { nodes { login } } } } } }`,
      variables: { issue: world.children[0]?.nodeId, actors: [copilot?.nodeId, world.alice.nodeId] },
    });
    expect(response.body.errors).toBeUndefined();
    expect(world.children[0]?.assignees.map((account) => account.login).sort()).toEqual(["Copilot", "alice"]);
    expect(response.body.data).toEqual({
      replaceActorsForAssignable: { assignable: { number: 2, assignees: { nodes: expect.arrayContaining([{ login: "alice" }]) } } },
    });
    expect(eventsNamed("issues").at(-1)?.payload.action).toBe("assigned");
  });

  it("a store refusal comes back as a GitHub error, leaving the store unchanged", async () => {
    const response = await run({
      query: `mutation($id: ID!) { addSubIssue(input: { issueId: $id, subIssueId: $id }) { clientMutationId } }`,
      variables: { id: world.audit.nodeId },
    });
    expect(response.body.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE", path: ["addSubIssue"] });
    expect(world.audit.subIssueIds).toHaveLength(2);
  });

  it("an id of the wrong type is NOT_FOUND", async () => {
    const response = await run({
      query: `mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { clientMutationId } }`,
      variables: { id: world.audit.nodeId },
    });
    expect(response.body.errors?.[0]).toMatchObject({ type: "NOT_FOUND" });
  });
});
