import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TestOctokit, seedWorld, type World } from "./sandbox-fixture.js";

const at = { owner: "acme", repo: "api" } as const;

interface Received {
  id: string;
  name: string;
  payload: Record<string, unknown> & { action?: string };
}

/** A real Probot wired to the sandbox, recording every event it receives. */
function probotFor(world: World): { probot: Probot; received: Received[] } {
  const probot = new Probot({
    appId: world.app.id,
    privateKey: world.app.privateKey,
    secret: world.app.webhookSecret,
    Octokit: TestOctokit,
    request: { fetch: world.sandbox.fetch },
    logLevel: "fatal",
  });
  const received: Received[] = [];
  probot.onAny(async (context) => {
    received.push({ id: context.id, name: context.name, payload: context.payload as Received["payload"] });
  });
  return { probot, received };
}

const kinds = (received: Received[]): string[] => received.map((r) => `${r.name}.${r.payload.action ?? ""}`);

describe("webhooks", () => {
  let world: World;
  let received: Received[];
  let probot: Probot;
  beforeEach(() => {
    world = seedWorld();
    ({ probot, received } = probotFor(world));
    world.sandbox.webhooks.toProbot(probot);
  });

  it("emits issues events with the full issue, sender, repository, organization and installation", async () => {
    const mona = world.sandbox.as("mona");
    const issue = mona.createIssue({ ...at, title: "Audit", labels: ["bug"] });
    mona.editIssue({ ...at, issue: issue.number, title: "[Audit] webhook server" });
    mona.closeIssue({ ...at, issue: issue.number, reason: "not_planned" });
    await world.sandbox.webhooks.flush();
    expect(kinds(received)).toEqual(["issues.opened", "issues.labeled", "issues.edited", "issues.closed"]);
    const [opened, labeled, edited, closed] = received.map((r) => r.payload);
    expect(opened).toMatchObject({
      issue: { number: issue.number, title: "Audit" },
      sender: { login: "mona", type: "User" },
      repository: { full_name: "acme/api" },
      organization: { login: "acme" },
      installation: { id: world.installationId, node_id: expect.any(String) },
    });
    expect(labeled).toMatchObject({ label: { name: "bug" } });
    expect(edited).toMatchObject({ changes: { title: { from: "Audit" } }, issue: { title: "[Audit] webhook server" } });
    expect(closed).toMatchObject({ issue: { state: "closed", state_reason: "not_planned" } });
    expect(world.sandbox.violations).toEqual([]);
  });

  it("emits the app's own writes with the bot as sender", async () => {
    await world.octokit.rest.issues.create({ ...at, title: "from the app" });
    await world.sandbox.webhooks.flush();
    expect(received.map((r) => (r.payload.sender as { login: string }).login)).toEqual(["factory[bot]"]);
  });

  it("emits issue_comment created, edited (with the old body) and deleted", async () => {
    const mona = world.sandbox.as("mona");
    const issue = mona.createIssue({ ...at, title: "t" });
    const comment = mona.comment({ ...at, issue: issue.number, body: "/factory help" });
    mona.editComment({ ...at, commentId: comment.id, body: "/factory status" });
    mona.deleteComment({ ...at, commentId: comment.id });
    await world.sandbox.webhooks.flush();
    const comments = received.filter((r) => r.name === "issue_comment").map((r) => r.payload);
    expect(comments).toMatchObject([
      { action: "created", comment: { id: comment.id, body: "/factory help" }, issue: { number: issue.number } },
      { action: "edited", comment: { id: comment.id, body: "/factory status" }, changes: { body: { from: "/factory help" } } },
      { action: "deleted", comment: { id: comment.id, body: "/factory status" } },
    ]);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("emits label created, edited and deleted", async () => {
    await world.octokit.rest.issues.createLabel({ ...at, name: "phase:1", color: "abcdef" });
    await world.octokit.rest.issues.updateLabel({ ...at, name: "phase:1", new_name: "phase-1" });
    await world.octokit.rest.issues.deleteLabel({ ...at, name: "phase-1" });
    await world.sandbox.webhooks.flush();
    const labels = received.filter((r) => r.name === "label").map((r) => r.payload);
    expect(labels).toMatchObject([
      { action: "created", label: { name: "phase:1", color: "abcdef" } },
      { action: "edited", label: { name: "phase-1" }, changes: { name: { from: "phase:1" } } },
      { action: "deleted", label: { name: "phase-1" } },
    ]);
  });

  it("creates a missing label with GitHub's default colour when it is added to an issue", async () => {
    const issue = world.sandbox.as("mona").createIssue({ ...at, title: "t" });
    const { data } = await world.octokit.rest.issues.addLabels({ ...at, issue_number: issue.number, labels: ["severity:high"] });
    expect(data.map((l) => [l.name, l.color])).toEqual([["severity:high", "ededed"]]);
    await world.sandbox.webhooks.flush();
    expect(kinds(received)).toEqual(["issues.opened", "label.created", "issues.labeled"]);
  });

  it("emits sub_issues events on both sides of a link", async () => {
    const mona = world.sandbox.as("mona");
    const parent = mona.createIssue({ ...at, title: "epic" });
    const child = mona.createIssue({ ...at, title: "child" });
    await world.octokit.rest.issues.addSubIssue({ ...at, issue_number: parent.number, sub_issue_id: child.id });
    await world.octokit.rest.issues.removeSubIssue({ ...at, issue_number: parent.number, sub_issue_id: child.id });
    await world.sandbox.webhooks.flush();
    const links = received.filter((r) => r.name === "sub_issues").map((r) => r.payload);
    const ids = { parent_issue_id: parent.id, sub_issue_id: child.id };
    expect(links).toMatchObject([
      { action: "sub_issue_added", ...ids, parent_issue: { sub_issues_summary: { total: 1, completed: 0, percent_completed: 0 } } },
      { action: "parent_issue_added", ...ids, sub_issue: { number: child.number } },
      { action: "sub_issue_removed", ...ids },
      { action: "parent_issue_removed", ...ids },
    ]);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("delivers status events only to apps subscribed to them", async () => {
    const listener = world.sandbox.createApp({ slug: "status-listener", events: ["status"] });
    const listenerInstallation = world.sandbox.installApp({ appId: listener.id, account: "acme" });
    const deaf = world.sandbox.createApp({ slug: "push-listener", events: ["push"] });
    const deafInstallation = world.sandbox.installApp({ appId: deaf.id, account: "acme" });
    const { sha } = world.sandbox.as("dev").pushCommit({ ...at, branch: "feature", files: { "a.txt": "a" } });
    world.sandbox.ci.status({ ...at, sha, context: "ci/build", state: "failure", description: "3 tests failed" });
    await world.sandbox.webhooks.flush();
    const statuses = world.sandbox.webhooks.log.filter((d) => d.name === "status");
    expect(statuses.map((d) => d.installationId)).toContain(listenerInstallation);
    expect(statuses.map((d) => d.installationId)).not.toContain(deafInstallation);
    expect(statuses.find((d) => d.installationId === listenerInstallation)).toMatchObject({
      status: 200,
      payload: { sha, context: "ci/build", state: "failure", description: "3 tests failed" },
    });
    // Factory's own app subscribes to `status`, as its app.yml does.
    expect(statuses.map((d) => d.installationId)).toContain(world.installationId);
    expect(world.sandbox.violations).toEqual([]);
  });

  it("only delivers to installations that can see the repository", async () => {
    world.sandbox.createUser("someone");
    world.sandbox.createRepo({ owner: "someone", name: "elsewhere" });
    world.sandbox.as("someone").createIssue({ owner: "someone", repo: "elsewhere", title: "not for the app" });
    await world.sandbox.webhooks.flush();
    expect(received).toEqual([]);
  });

  it("waits in flush for deliveries caused while flushing", async () => {
    probot.on("issues.opened", async (context) => {
      await context.octokit.rest.issues.createComment(context.issue({ body: "thanks" }));
    });
    world.sandbox.as("mona").createIssue({ ...at, title: "t" });
    await world.sandbox.webhooks.flush();
    expect(kinds(received)).toEqual(["issues.opened", "issue_comment.created"]);
    expect(world.sandbox.webhooks.pending).toBe(0);
  });

  it("sends a duplicate with the same delivery id, as a manual redelivery does", async () => {
    world.sandbox.webhooks.duplicateNext(1);
    world.sandbox.as("mona").createIssue({ ...at, title: "t" });
    await world.sandbox.webhooks.flush();
    expect(received).toHaveLength(2);
    expect(received[0]?.id).toBe(received[1]?.id);
    expect(received[0]?.payload).toEqual(received[1]?.payload);
  });

  it("redelivers a past delivery by id", async () => {
    world.sandbox.as("mona").createIssue({ ...at, title: "t" });
    await world.sandbox.webhooks.flush();
    const first = world.sandbox.webhooks.log.at(-1);
    world.sandbox.webhooks.redeliver(first?.id as string);
    await world.sandbox.webhooks.flush();
    expect(received.map((r) => r.id)).toEqual([first?.id, first?.id]);
    expect(world.sandbox.webhooks.log.at(-1)?.redelivery).toBe(true);
  });

  it("reorders each batch with a seeded shuffle, deterministically", async () => {
    const run = async (): Promise<string[]> => {
      const local = seedWorld();
      const { probot: p, received: got } = probotFor(local);
      local.sandbox.webhooks.toProbot(p);
      local.sandbox.webhooks.reorder(true, 7);
      for (let i = 1; i <= 8; i++) local.sandbox.as("mona").createIssue({ ...at, title: `#${i}` });
      await local.sandbox.webhooks.flush();
      return got.map((r) => (r.payload.issue as { title: string }).title);
    };
    const first = await run();
    expect(first).not.toEqual(["#1", "#2", "#3", "#4", "#5", "#6", "#7", "#8"]);
    expect([...first].sort()).toEqual(["#1", "#2", "#3", "#4", "#5", "#6", "#7", "#8"]);
    expect(await run()).toEqual(first);
  });

  it("holds deliveries while paused and releases them on resume", async () => {
    world.sandbox.webhooks.pause();
    world.sandbox.as("mona").createIssue({ ...at, title: "late" });
    await world.sandbox.webhooks.flush();
    expect(received).toEqual([]);
    expect(world.sandbox.webhooks.pending).toBe(1);
    world.sandbox.webhooks.resume();
    await world.sandbox.webhooks.flush();
    expect(kinds(received)).toEqual(["issues.opened"]);
  });

  it("records a handler failure as a 500 delivery", async () => {
    probot.on("issues.opened", async () => {
      throw new Error("handler broke");
    });
    world.sandbox.as("mona").createIssue({ ...at, title: "t" });
    await world.sandbox.webhooks.flush();
    expect(world.sandbox.webhooks.log.at(-1)).toMatchObject({ name: "issues", action: "opened", status: 500 });
  });
});

describe("webhooks over HTTP", () => {
  let server: Server;
  let url: string;
  let answer = 200;
  const requests: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeEach(async () => {
    requests.length = 0;
    answer = 200;
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("posts signed deliveries with GitHub's headers", async () => {
    const world = seedWorld();
    world.sandbox.webhooks.toUrl(url, world.app.webhookSecret);
    world.sandbox.as("mona").createIssue({ ...at, title: "signed" });
    await world.sandbox.webhooks.flush();
    expect(requests).toHaveLength(1);
    const { headers, body } = requests[0] as { headers: IncomingHttpHeaders; body: string };
    const expected = `sha256=${createHmac("sha256", world.app.webhookSecret).update(body).digest("hex")}`;
    expect(headers["x-hub-signature-256"]).toBe(expected);
    expect(headers["x-github-event"]).toBe("issues");
    expect(headers["x-github-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers["user-agent"]).toMatch(/^GitHub-Hookshot\//);
    expect(headers["x-github-hook-installation-target-id"]).toBe(String(world.app.id));
    expect(headers["content-type"]).toBe("application/json");
    expect(JSON.parse(body).issue.title).toBe("signed");
    expect(world.sandbox.webhooks.log.at(-1)).toMatchObject({ id: headers["x-github-delivery"], status: 200, signature: expected });
  });

  it("records a non-2xx answer", async () => {
    const world = seedWorld();
    answer = 400;
    world.sandbox.webhooks.toUrl(url, "wrong-secret");
    world.sandbox.as("mona").createIssue({ ...at, title: "rejected" });
    await world.sandbox.webhooks.flush();
    expect(world.sandbox.webhooks.log.at(-1)).toMatchObject({ status: 400, error: "target answered 400" });
  });
});
