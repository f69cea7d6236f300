import { beforeEach, describe, expect, it } from "vitest";
import { ISSUE_DEPENDENCY_LIMITS } from "../src/mutations/issue-dependency-mutations.js";
import { failureOf, seedWorld, statusOf, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;

type Created = { number: number; id: number };

describe("issue dependencies over REST", () => {
  let world: World;
  let issues: (title: string) => Created;
  beforeEach(() => {
    world = seedWorld();
    issues = (title) => world.sandbox.as("mona").createIssue({ ...at, title });
  });

  it("adds, lists both ways and removes a blocked-by link, keeping both summaries in step", async () => {
    const blocked = issues("ship the release");
    const blocker = issues("fix the build");
    const added = await world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: blocked.number, issue_id: blocker.id });
    expect(added.status).toBe(201);
    expect([added.data.number, added.data.id]).toEqual([blocker.number, blocker.id]);
    expect(added.headers.location).toBe(`https://api.github.com/repos/acme/api/issues/${blocked.number}/dependencies/blocked_by`);
    expect(added.data.issue_dependencies_summary).toEqual({ blocked_by: 0, total_blocked_by: 0, blocking: 1, total_blocking: 1 });

    const { data: blockers } = await world.octokit.rest.issues.listDependenciesBlockedBy({ ...at, issue_number: blocked.number });
    expect(blockers.map((i) => i.number)).toEqual([blocker.number]);
    const { data: blocks } = await world.octokit.rest.issues.listDependenciesBlocking({ ...at, issue_number: blocker.number });
    expect(blocks.map((i) => i.number)).toEqual([blocked.number]);
    const { data: fetched } = await world.octokit.rest.issues.get({ ...at, issue_number: blocked.number });
    expect(fetched.issue_dependencies_summary).toEqual({ blocked_by: 1, total_blocked_by: 1, blocking: 0, total_blocking: 0 });

    const removed = await world.octokit.rest.issues.removeDependencyBlockedBy({ ...at, issue_number: blocked.number, issue_id: blocker.id });
    expect([removed.status, removed.data.id]).toEqual([200, blocker.id]);
    expect((await world.octokit.rest.issues.listDependenciesBlockedBy({ ...at, issue_number: blocked.number })).data).toEqual([]);
    expect((await world.octokit.rest.issues.listDependenciesBlocking({ ...at, issue_number: blocker.number })).data).toEqual([]);
    expect(world.sandbox.issue("acme", "api", blocked.number).issue_dependencies_summary).toEqual({
      blocked_by: 0,
      total_blocked_by: 0,
      blocking: 0,
      total_blocking: 0,
    });
    expect(await statusOf(world.octokit.rest.issues.removeDependencyBlockedBy({ ...at, issue_number: blocked.number, issue_id: blocker.id }))).toBe(404);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("counts only open blockers in blocked_by, and every blocker in total_blocked_by", async () => {
    const mona = world.sandbox.as("mona");
    const blocked = issues("epic");
    const [a, b] = [issues("a"), issues("b")];
    mona.addBlockedBy({ ...at, issue: blocked.number, blockedBy: a.number });
    mona.addBlockedBy({ ...at, issue: blocked.number, blockedBy: b.number });
    mona.closeIssue({ ...at, issue: a.number });
    const { data } = await world.octokit.rest.issues.get({ ...at, issue_number: blocked.number });
    expect(data.issue_dependencies_summary).toEqual({ blocked_by: 1, total_blocked_by: 2, blocking: 0, total_blocking: 0 });
    expect(world.sandbox.snapshot().issues.find((i) => i.number === blocked.number)).toMatchObject({ blockedBy: [a.number, b.number], blocking: [] });
    expect(world.sandbox.snapshot().issues.find((i) => i.number === a.number)).toMatchObject({ blockedBy: [], blocking: [blocked.number] });
  });

  it("takes the blocking issue's id, not its number", async () => {
    const blocked = issues("blocked");
    const blocker = issues("blocker");
    // The number is a valid integer but names no issue id, so GitHub cannot resolve it.
    const failure = await failureOf(world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: blocked.number, issue_id: blocker.number }));
    expect(failure.status).toBe(422);
    expect(JSON.stringify(failure.data.errors)).toContain(`id of ${blocker.number}`);
    expect(world.sandbox.issue("acme", "api", blocked.number).issue_dependencies_summary).toMatchObject({ total_blocked_by: 0 });
    // A string id breaks GitHub's schema (`issue_id` is an integer): 422 and a recorded violation.
    const request = world.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by", {
      ...at,
      issue_number: blocked.number,
      issue_id: String(blocker.id) as unknown as number,
    });
    expect(await statusOf(request)).toBe(422);
    expect(world.sandbox.violations).toHaveLength(1);
    expect(world.sandbox.violations[0]).toContain("issues/add-blocked-by-dependency");
  });

  it.each([
    ["the issue itself", (blocked: Created) => blocked.id, "cannot be blocked by itself"],
    ["an unknown id", () => 987_654, "id of 987654"],
  ])("refuses to block an issue by %s with 422", async (_name, idOf, message) => {
    const blocked = issues("blocked");
    const failure = await failureOf(world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: blocked.number, issue_id: idOf(blocked) }));
    expect(failure.status).toBe(422);
    expect(failure.data).toMatchObject({ message: "Validation Failed", errors: [{ resource: "Issue", field: "issue_id", message: expect.stringContaining(message) }] });
    expect(world.sandbox.violations).toEqual([]);
  });

  it("refuses a duplicate link with 422 and keeps one", async () => {
    const blocked = issues("blocked");
    const blocker = issues("blocker");
    await world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: blocked.number, issue_id: blocker.id });
    const failure = await failureOf(world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: blocked.number, issue_id: blocker.id }));
    expect(failure.status).toBe(422);
    expect(JSON.stringify(failure.data.errors)).toContain("already blocked by");
    const { data } = await world.octokit.rest.issues.listDependenciesBlockedBy({ ...at, issue_number: blocked.number });
    expect(data).toHaveLength(1);
  });

  it("refuses a pull request on either side with 422", async () => {
    const issue = issues("issue");
    const pull = world.sandbox.as("dev").openPullRequest({ ...at, head: "feature", title: "a PR" });
    const prId = world.sandbox.store.requireIssue(world.sandbox.store.requireRepo("acme", "api"), pull.number).id;
    const asBlocker = await failureOf(world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: issue.number, issue_id: prId }));
    expect([asBlocker.status, JSON.stringify(asBlocker.data.errors)]).toEqual([422, expect.stringContaining("Target issue may only be an issue")]);
    expect(await statusOf(world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: pull.number, issue_id: issue.id }))).toBe(422);
  });

  it(`refuses the ${ISSUE_DEPENDENCY_LIMITS.perDirection + 1}st link in either direction, counting closed issues`, async () => {
    const mona = world.sandbox.as("mona");
    const max = ISSUE_DEPENDENCY_LIMITS.perDirection;
    const blocked = issues("blocked by many");
    const hub = issues("blocks many");
    for (let i = 0; i < max; i++) {
      const other = issues(`other ${i}`);
      mona.addBlockedBy({ ...at, issue: blocked.number, blockedBy: other.number });
      mona.addBlockedBy({ ...at, issue: other.number, blockedBy: hub.number });
      if (i % 10 === 0) mona.closeIssue({ ...at, issue: other.number });
    }
    const extra = issues("one too many");
    const tooManyBlockers = await failureOf(world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: blocked.number, issue_id: extra.id }));
    expect([tooManyBlockers.status, JSON.stringify(tooManyBlockers.data.errors)]).toEqual([422, expect.stringContaining(`blocked by more than ${max} issues`)]);
    const tooManyBlocked = await failureOf(world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: extra.number, issue_id: hub.id }));
    expect([tooManyBlocked.status, JSON.stringify(tooManyBlocked.data.errors)]).toEqual([422, expect.stringContaining(`block more than ${max} issues`)]);
    expect(world.sandbox.issue("acme", "api", blocked.number).issue_dependencies_summary).toEqual({
      blocked_by: max - 5,
      total_blocked_by: max,
      blocking: 0,
      total_blocking: 0,
    });
    expect(world.sandbox.violations).toEqual([]);
  });

  it("paginates both lists with per_page, page and a link header", async () => {
    const mona = world.sandbox.as("mona");
    const blocked = issues("blocked");
    const blockers = Array.from({ length: 25 }, (_, i) => issues(`blocker ${i}`));
    for (const blocker of blockers) mona.addBlockedBy({ ...at, issue: blocked.number, blockedBy: blocker.number });
    const first = await world.octokit.rest.issues.listDependenciesBlockedBy({ ...at, issue_number: blocked.number, per_page: 10 });
    expect(first.data.map((i) => i.number)).toEqual(blockers.slice(0, 10).map((b) => b.number));
    expect(first.headers.link).toContain(`/repos/acme/api/issues/${blocked.number}/dependencies/blocked_by?per_page=10&page=2>; rel="next"`);
    expect(first.headers.link).toContain('page=3>; rel="last"');
    const last = await world.octokit.rest.issues.listDependenciesBlockedBy({ ...at, issue_number: blocked.number, per_page: 10, page: 3 });
    expect(last.data.map((i) => i.number)).toEqual(blockers.slice(20).map((b) => b.number));
    const all = await world.octokit.paginate(world.octokit.rest.issues.listDependenciesBlockedBy, { ...at, issue_number: blocked.number, per_page: 10 });
    expect(all.map((i) => i.number)).toEqual(blockers.map((b) => b.number));
    const blocking = await world.octokit.paginate(world.octokit.rest.issues.listDependenciesBlocking, { ...at, issue_number: blockers[0]?.number ?? 0, per_page: 1 });
    expect(blocking.map((i) => i.number)).toEqual([blocked.number]);
  });

  it("lets a read-only user list dependencies but not change them (403), as writes need triage", async () => {
    world.sandbox.createUser("reader");
    world.sandbox.addCollaborator({ ...at, login: "reader", permission: "read" });
    const reader = world.withToken(world.sandbox.createUserToken("reader"));
    const blocked = issues("blocked");
    const blocker = issues("blocker");
    expect(await statusOf(reader.rest.issues.addBlockedByDependency({ ...at, issue_number: blocked.number, issue_id: blocker.id }))).toBe(403);
    world.sandbox.as("mona").addBlockedBy({ ...at, issue: blocked.number, blockedBy: blocker.number });
    expect(await statusOf(reader.rest.issues.removeDependencyBlockedBy({ ...at, issue_number: blocked.number, issue_id: blocker.id }))).toBe(403);
    const { data } = await reader.rest.issues.listDependenciesBlockedBy({ ...at, issue_number: blocked.number });
    expect(data.map((i) => i.number)).toEqual([blocker.number]);

    world.sandbox.createUser("triager");
    world.sandbox.addCollaborator({ ...at, login: "triager", permission: "triage" });
    const triager = world.withToken(world.sandbox.createUserToken("triager"));
    await expect(triager.rest.issues.removeDependencyBlockedBy({ ...at, issue_number: blocked.number, issue_id: blocker.id })).resolves.toMatchObject({ status: 200 });
    expect(world.sandbox.violations).toEqual([]);
  });

  it("links issues across repositories, but treats one the caller cannot see as unknown", async () => {
    world.sandbox.createRepo({ owner: "acme", name: "web" });
    const elsewhere = world.sandbox.as("mona").createIssue({ owner: "acme", repo: "web", title: "web blocker" });
    world.sandbox.createOrg("rival", { members: [{ login: "outsider", role: "admin" }] });
    world.sandbox.createRepo({ owner: "rival", name: "secret", private: true });
    const hidden = world.sandbox.as("outsider").createIssue({ owner: "rival", repo: "secret", title: "hidden" });
    const blocked = issues("blocked");

    const { data } = await world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: blocked.number, issue_id: elsewhere.id });
    expect(data.repository_url).toBe("https://api.github.com/repos/acme/web");
    const { data: blocking } = await world.octokit.rest.issues.listDependenciesBlocking({ owner: "acme", repo: "web", issue_number: elsewhere.number });
    expect(blocking.map((i) => i.html_url)).toEqual([`https://github.com/acme/api/issues/${blocked.number}`]);
    expect(await statusOf(world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: blocked.number, issue_id: hidden.id }))).toBe(422);
  });

  it("drops a deleted issue's links from the issues it was linked to", () => {
    const mona = world.sandbox.as("mona");
    const [blocked, middle, blocker] = [issues("blocked"), issues("middle"), issues("blocker")];
    mona.addBlockedBy({ ...at, issue: blocked.number, blockedBy: middle.number });
    mona.addBlockedBy({ ...at, issue: middle.number, blockedBy: blocker.number });
    const store = world.sandbox.store;
    store.ops.issues.delete({ actor: store.requireAccount("mona"), repo: store.requireRepo("acme", "api"), number: middle.number });
    expect(world.sandbox.issue("acme", "api", blocked.number).issue_dependencies_summary).toMatchObject({ total_blocked_by: 0 });
    expect(world.sandbox.issue("acme", "api", blocker.number).issue_dependencies_summary).toMatchObject({ total_blocking: 0 });
  });

  it("emits issue_dependencies on both sides of a link, each valid against GitHub's webhook schema", async () => {
    // Factory's manifest does not subscribe to issue_dependencies, so a second app that does listens here.
    const listener = world.sandbox.createApp({ slug: "deps-listener", events: ["issue_dependencies"] });
    const installationId = world.sandbox.installApp({ appId: listener.id, account: "acme" });
    world.sandbox.webhooks.toProbot({ receive: async () => undefined });
    const blocked = issues("blocked");
    const blocker = issues("blocker");
    await world.octokit.rest.issues.addBlockedByDependency({ ...at, issue_number: blocked.number, issue_id: blocker.id });
    await world.octokit.rest.issues.removeDependencyBlockedBy({ ...at, issue_number: blocked.number, issue_id: blocker.id });
    await world.sandbox.webhooks.flush();

    const deliveries = world.sandbox.webhooks.log.filter((d) => d.name === "issue_dependencies");
    expect(deliveries.map((d) => [d.action, d.installationId])).toEqual([
      ["blocked_by_added", installationId],
      ["blocking_added", installationId],
      ["blocked_by_removed", installationId],
      ["blocking_removed", installationId],
    ]);
    const [blockedByAdded, blockingAdded] = deliveries.map((d) => d.payload);
    expect(blockedByAdded).toMatchObject({
      blocked_issue_id: blocked.id,
      blocked_issue: { number: blocked.number, issue_dependencies_summary: { blocked_by: 1, total_blocked_by: 1 } },
      blocking_issue_id: blocker.id,
      blocking_issue: { number: blocker.number, issue_dependencies_summary: { blocking: 1, total_blocking: 1 } },
      blocking_issue_repo: { full_name: "acme/api" },
      repository: { full_name: "acme/api" },
      organization: { login: "acme" },
      sender: { login: "factory[bot]" },
      installation: { id: installationId },
    });
    expect(blockingAdded).toMatchObject({ blocked_issue_repo: { full_name: "acme/api" } });
    expect(blockingAdded).not.toHaveProperty("blocking_issue_repo");
    expect(world.sandbox.violations).toEqual([]);
  });
});
