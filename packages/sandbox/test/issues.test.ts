import { beforeEach, describe, expect, it } from "vitest";
import { seedWorld, statusOf, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;

describe("issues, comments, labels and reactions over REST", () => {
  let world: World;
  beforeEach(() => {
    world = seedWorld();
  });

  it("answers a new reaction with 201 and the same one again with 200", async () => {
    const comment = world.sandbox.as("mona").comment({ ...at, issue: world.sandbox.as("mona").createIssue({ ...at, title: "t" }).number, body: "/factory help" });
    const first = await world.octokit.rest.reactions.createForIssueComment({ ...at, comment_id: comment.id, content: "eyes" });
    const again = await world.octokit.rest.reactions.createForIssueComment({ ...at, comment_id: comment.id, content: "eyes" });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.data.id).toBe(first.data.id);
    await world.octokit.rest.reactions.createForIssueComment({ ...at, comment_id: comment.id, content: "rocket" });
    const { data: rockets } = await world.octokit.rest.reactions.listForIssueComment({ ...at, comment_id: comment.id, content: "rocket" });
    expect(rockets.map((r) => r.user?.login)).toEqual(["factory[bot]"]);
    await world.octokit.rest.reactions.deleteForIssueComment({ ...at, comment_id: comment.id, reaction_id: first.data.id });
    expect(world.sandbox.reactions("acme", "api", { commentId: comment.id }).map((r) => r.content)).toEqual(["rocket"]);
    const { data: issue } = await world.octokit.rest.issues.get({ ...at, issue_number: 1 });
    expect(issue.reactions?.total_count).toBe(0);
  });

  it("sets, adds and removes labels on an issue", async () => {
    const issue = world.sandbox.as("mona").createIssue({ ...at, title: "t", labels: ["bug"] });
    await world.octokit.rest.issues.setLabels({ ...at, issue_number: issue.number, labels: ["security", "severity:high"] });
    await world.octokit.rest.issues.addLabels({ ...at, issue_number: issue.number, labels: ["security", "complexity:small"] });
    const { data } = await world.octokit.rest.issues.removeLabel({ ...at, issue_number: issue.number, name: "severity:high" });
    expect(data.map((l) => l.name)).toEqual(["security", "complexity:small"]);
    expect(await statusOf(world.octokit.rest.issues.removeLabel({ ...at, issue_number: issue.number, name: "bug" }))).toBe(404);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("assigns, unassigns, closes as not planned and reopens", async () => {
    const issue = world.sandbox.as("mona").createIssue({ ...at, title: "t" });
    await world.octokit.rest.issues.addAssignees({ ...at, issue_number: issue.number, assignees: ["dev"] });
    expect(world.sandbox.issue("acme", "api", issue.number).assignees).toMatchObject([{ login: "dev" }]);
    await world.octokit.rest.issues.removeAssignees({ ...at, issue_number: issue.number, assignees: ["dev"] });
    expect(await statusOf(world.octokit.rest.issues.update({ ...at, issue_number: issue.number, assignees: ["outsider"] }))).toBe(422);
    const { data: closed } = await world.octokit.rest.issues.update({ ...at, issue_number: issue.number, state: "closed", state_reason: "not_planned" });
    expect([closed.state, closed.state_reason, closed.closed_by?.login]).toEqual(["closed", "not_planned", "factory[bot]"]);
    const { data: reopened } = await world.octokit.rest.issues.update({ ...at, issue_number: issue.number, state: "open" });
    expect([reopened.state, reopened.state_reason, reopened.closed_at]).toEqual(["open", "reopened", null]);
  });

  it("drops labels and assignees from an issue opened by someone without triage access, as GitHub does", async () => {
    const outsider = world.withToken(world.sandbox.createUserToken("outsider"));
    const { data } = await outsider.rest.issues.create({ ...at, title: "drive-by", labels: ["critical"], assignees: ["dev"] });
    expect([data.user?.login, data.labels, data.assignees]).toEqual(["outsider", [], []]);
  });

  it("lets only the author or a triager edit a comment", async () => {
    const issue = world.sandbox.as("mona").createIssue({ ...at, title: "t" });
    const outsider = world.withToken(world.sandbox.createUserToken("outsider"));
    const { data: comment } = await outsider.rest.issues.createComment({ ...at, issue_number: issue.number, body: "mine" });
    const mine = world.sandbox.as("mona").comment({ ...at, issue: issue.number, body: "maintainer's" });
    expect((await outsider.rest.issues.updateComment({ ...at, comment_id: comment.id, body: "still mine" })).data.body).toBe("still mine");
    expect(await statusOf(outsider.rest.issues.updateComment({ ...at, comment_id: mine.id, body: "hijacked" }))).toBe(403);
    await world.octokit.rest.issues.deleteComment({ ...at, comment_id: comment.id });
    const { data: left } = await world.octokit.rest.issues.listComments({ ...at, issue_number: issue.number });
    expect(left.map((c) => c.body)).toEqual(["maintainer's"]);
  });

  it("lists issues including pull requests, and marks them as such", async () => {
    world.sandbox.as("mona").createIssue({ ...at, title: "an issue" });
    world.sandbox.as("dev").openPullRequest({ ...at, head: "a-pr", title: "a PR" });
    const { data } = await world.octokit.rest.issues.listForRepo({ ...at, direction: "asc" });
    expect(data.map((i) => [i.title, i.pull_request !== undefined])).toEqual([["an issue", false], ["a PR", true]]);
  });

  it("updates a pull request's title and base, and reads users and check runs", async () => {
    world.sandbox.as("mona").pushCommit({ ...at, branch: "epic/1", files: { "e.md": "e" } });
    const pull = world.sandbox.as("dev").openPullRequest({ ...at, head: "agent", title: "wrong base" });
    const { data } = await world.octokit.rest.pulls.update({ ...at, pull_number: pull.number, title: "right base", base: "epic/1" });
    expect([data.title, data.base.ref]).toEqual(["right base", "epic/1"]);
    const { data: user } = await world.octokit.rest.users.getByUsername({ username: "factory[bot]" });
    expect([user.login, user.type]).toEqual(["factory[bot]", "Bot"]);
    const run = world.sandbox.ci.complete({ ...at, sha: "agent", name: "lint", conclusion: "failure" });
    const { data: fetched } = await world.octokit.rest.checks.get({ ...at, check_run_id: run.id });
    expect([fetched.name, fetched.conclusion, fetched.app?.slug]).toEqual(["lint", "failure", "github-actions"]);
    expect(world.sandbox.violations).toEqual([]);
  });
});
