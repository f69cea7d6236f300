import { beforeEach, describe, expect, it } from "vitest";
import { seedWorld } from "./sandbox-fixture.js";
import type { Sandbox } from "../src/sandbox.js";
import type { AgentActor } from "../src/agent-actor.js";
import type { JulesActivity } from "../src/jules-api/jules-activity.js";
import type { JulesSession } from "../src/jules-api/jules-session.js";

/**
 * The Jules REST API stand-in (https://developers.google.com/jules/api/reference/rest/v1alpha/sessions):
 * sessions created through `sandbox.julesApi.fetch` hand tasks to the
 * sandbox's `jules` agent.
 */
const at = { owner: "acme", repo: "api" } as const;
const BASE = "https://jules.googleapis.com/v1alpha";
const EPIC = "epic/1-x";
const SOURCE = "sources/github/acme/api";

interface Answer<T> {
  status: number;
  data: T;
}

describe("the Jules API stand-in", () => {
  let sandbox: Sandbox;
  let jules: AgentActor;
  beforeEach(() => {
    sandbox = seedWorld().sandbox;
    sandbox.as("mona").pushCommit({ ...at, branch: EPIC, files: { "docs/epic.md": "# Epic 1\n" }, from: "main", message: "Start epic 1" });
    jules = sandbox.addAgent("jules");
    sandbox.julesApi.addKey("mona-key", "mona");
    sandbox.julesApi.addKey("dev-key", "dev");
  });

  const call = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown, key: string | null = "mona-key"): Promise<Answer<T>> => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (key !== null) headers["X-Goog-Api-Key"] = key;
    const response = await sandbox.julesApi.fetch(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, data: (await response.json()) as T };
  };
  const create = (body: Record<string, unknown>, key = "mona-key") =>
    call<JulesSession>("POST", "/sessions", { sourceContext: { source: SOURCE, githubRepoContext: { startingBranch: EPIC } }, automationMode: "AUTO_CREATE_PR", ...body }, key);
  const session = async (id: string, key = "mona-key") => (await call<JulesSession>("GET", `/sessions/${id}`, undefined, key)).data;
  const newIssue = (title = "feat(api): add a health endpoint"): number => sandbox.as("mona").createIssue({ ...at, title }).number;
  const pullView = (number: number) => sandbox.pull("acme", "api", number) as unknown as { user: { login: string }; base: { ref: string }; head: { ref: string; sha: string }; body: string };

  it("answers 401 UNAUTHENTICATED without a key or with an unknown one, with the header in any case", async () => {
    for (const key of [null, "nope"]) {
      const answer = await call("GET", "/sources", undefined, key);
      expect(answer.status).toBe(401);
      expect(answer.data).toEqual({ error: { code: 401, message: expect.any(String), status: "UNAUTHENTICATED" } });
    }
    const lower = await sandbox.julesApi.fetch(`${BASE}/sources`, { headers: { "x-goog-api-key": "mona-key" } });
    expect(lower.status).toBe(200);
    expect(sandbox.julesApi.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["GET", "/v1alpha/sources", 401],
      ["GET", "/v1alpha/sources", 401],
      ["GET", "/v1alpha/sources", 200],
    ]);
  });

  it("lists the connected repositories as sources, and 404s unknown routes", async () => {
    const answer = await call("GET", "/sources");
    expect(answer).toEqual({ status: 200, data: { sources: [{ name: SOURCE, id: "github/acme/api", githubRepo: { owner: "acme", repo: "api" } }] } });
    expect((await call("GET", "/sources/github/acme/api")).data).toMatchObject({ name: SOURCE });
    const unknown = await call("GET", "/nothing/here");
    expect(unknown.status).toBe(404);
    expect(unknown.data).toMatchObject({ error: { code: 404, status: "NOT_FOUND" } });
  });

  it("rejects any other origin with a TypeError, as a network failure", async () => {
    await expect(sandbox.julesApi.fetch("https://api.github.com/repos/acme/api")).rejects.toBeInstanceOf(TypeError);
    await expect(sandbox.julesApi.fetch("http://jules.googleapis.com/v1alpha/sources")).rejects.toThrow(TypeError);
    expect(sandbox.julesApi.requests).toEqual([]);
  });

  it("creates a session on an epic branch: Jules opens a PR into it that fixes the issue the prompt names", async () => {
    const issue = newIssue();
    const created = await create({ prompt: `Implement #${issue}. End the PR body with "Fixes #${issue}".` });

    expect(created.status).toBe(200);
    const id = created.data.id;
    expect(created.data).toEqual({
      name: `sessions/${id}`,
      id,
      prompt: expect.stringContaining(`#${issue}`),
      title: "feat(api): add a health endpoint",
      state: "QUEUED",
      url: `https://jules.google.com/session/${id}`,
      sourceContext: { source: SOURCE, githubRepoContext: { startingBranch: EPIC } },
      createTime: expect.any(String),
      updateTime: expect.any(String),
      outputs: [],
    });
    // Taken at once: IN_PROGRESS, no 👀 on the issue.
    expect((await session(id)).state).toBe("IN_PROGRESS");
    expect(jules.tasks).toEqual([expect.objectContaining({ issue, via: "session", triggeredBy: "mona", state: "pending" })]);
    expect(sandbox.reactions("acme", "api", { issue })).toEqual([]);

    const report = await jules.work();

    const task = report.opened[0];
    expect(task).toMatchObject({ issue, targetBranch: EPIC, state: "open" });
    const pull = pullView(task?.pull as number);
    expect(pull.user.login).toBe("google-labs-jules[bot]");
    expect(pull.base.ref).toBe(EPIC);
    expect(pull.body).toMatch(new RegExp(`^Fixes #${issue}\\b`));
    expect(sandbox.file("acme", "api", pull.head.ref, "docs/epic.md")).toBe("# Epic 1\n");
    const done = await session(id);
    expect(done.state).toBe("COMPLETED");
    expect(done.outputs).toEqual([
      { pullRequest: { url: `https://github.com/acme/api/pull/${task?.pull}`, title: "feat(api): add a health endpoint", description: pull.body } },
    ]);
    const activities = (await call<{ activities: JulesActivity[] }>("GET", `/sessions/${id}/activities`)).data.activities;
    expect(activities.map((a) => [a.originator, Object.keys(a).filter((k) => !["name", "id", "createTime", "originator", "description"].includes(k))])).toEqual([
      ["user", ["userMessaged"]],
      ["agent", ["progressUpdated"]],
      ["agent", ["agentMessaged", "pullRequest"]],
    ]);
    expect(activities[0]?.name).toBe(`sessions/${id}/activities/1`);
    expect(sandbox.violations).toEqual([]);
  });

  it("finds the issue from its URL too, and without any reference opens a PR with no closing line", async () => {
    const issue = newIssue();
    const byUrl = await create({ prompt: `Please do https://github.com/acme/api/issues/${issue} now` });
    const none = await create({ prompt: "Tidy the README", title: "Tidy up" });
    await jules.work();

    expect(sandbox.julesApi.sessions.map((s) => [s.id, s.issue])).toEqual([
      [byUrl.data.id, issue],
      [none.data.id, null],
    ]);
    const untied = jules.tasks[1];
    expect(untied).toMatchObject({ issue: null, state: "open" });
    const pull = pullView(untied?.pull as number);
    expect(pull.body).not.toMatch(/Fixes|Closes|Resolves/);
    expect(pull.head.ref).toBe(`jules/session-${none.data.id}`);
    expect((sandbox.pull("acme", "api", untied?.pull as number) as { title: string }).title).toBe("Tidy up");
  });

  it("lists and gets only the key owner's sessions, newest first, in pages", async () => {
    const first = await create({ prompt: "one" });
    const second = await create({ prompt: "two" });
    const third = await create({ prompt: "three" });
    const devs = await create({ prompt: "dev's" }, "dev-key");

    const page1 = await call<{ sessions: JulesSession[]; nextPageToken?: string }>("GET", "/sessions?pageSize=2");
    expect(page1.data.sessions.map((s) => s.id)).toEqual([third.data.id, second.data.id]);
    expect(page1.data.nextPageToken).toEqual(expect.any(String));
    const page2 = await call<{ sessions: JulesSession[]; nextPageToken?: string }>("GET", `/sessions?pageSize=2&pageToken=${page1.data.nextPageToken}`);
    expect(page2.data.sessions.map((s) => s.id)).toEqual([first.data.id]);
    expect(page2.data.nextPageToken).toBeUndefined();

    const others = await call("GET", `/sessions/${devs.data.id}`);
    expect(others.status).toBe(404);
    expect(others.data).toMatchObject({ error: { status: "NOT_FOUND" } });
    expect((await call("POST", `/sessions/${devs.data.id}:sendMessage`, { prompt: "hi" })).status).toBe(404);
    expect((await call("GET", `/sessions/${devs.data.id}`, undefined, "dev-key")).status).toBe(200);
    expect(sandbox.julesApi.sessions.map((s) => s.owner)).toEqual(["mona", "mona", "mona", "dev"]);
  });

  it("answers sendMessage on a session with an open PR with a new commit on it", async () => {
    const issue = newIssue();
    const { data } = await create({ prompt: `Fix #${issue}` });
    await jules.work();
    const pull = jules.tasks[0]?.pull as number;
    const before = pullView(pull).head.sha;

    const sent = await call("POST", `/sessions/${data.id}:sendMessage`, { prompt: "Can you fix the failing checks: `test`?" });
    expect(sent).toEqual({ status: 200, data: {} });
    expect((await session(data.id)).state).toBe("IN_PROGRESS");
    const report = await jules.work();

    expect(report.answered).toEqual([expect.objectContaining({ pull, commentId: null, from: "mona", kinds: ["checks"], state: "answered" })]);
    const after = pullView(pull).head.sha;
    expect(after).not.toBe(before);
    expect(jules.tasks[0]?.commits).toEqual([before, after]);
    expect((await session(data.id)).state).toBe("COMPLETED");
    const activities = (await call<{ activities: JulesActivity[] }>("GET", `/sessions/${data.id}/activities`)).data.activities;
    expect(activities.map((a) => a.userMessaged?.userMessage ?? a.progressUpdated?.description ?? a.pullRequest?.url)).toEqual([
      `Fix #${issue}`,
      before,
      `https://github.com/acme/api/pull/${pull}`,
      "Can you fix the failing checks: `test`?",
      after,
    ]);
    expect(sandbox.violations).toEqual([]);
  });

  it("without AUTO_CREATE_PR pushes the branch and opens no PR; a message is then only recorded", async () => {
    const issue = newIssue();
    const { data } = await create({ prompt: `Fix #${issue}`, automationMode: undefined });
    const report = await jules.work();

    expect(report.opened).toEqual([]);
    expect(report.pushed).toEqual([expect.objectContaining({ issue, state: "pushed", pull: null })]);
    const branch = jules.tasks[0]?.branch as string;
    expect(sandbox.branches("acme", "api").map((b) => b.name)).toContain(branch);
    expect(sandbox.issues("acme", "api").filter((i) => "pull_request" in i)).toEqual([]);
    expect(await session(data.id)).toMatchObject({ state: "COMPLETED", outputs: [] });

    expect((await call("POST", `/sessions/${data.id}:sendMessage`, { prompt: "Can you fix the code reviews?" })).status).toBe(200);
    await jules.work();
    expect(jules.nudges).toEqual([]);
    expect(jules.tasks[0]?.commits).toHaveLength(1);
  });

  it("refuses a missing prompt, an unknown source, an unknown starting branch, and a missing jules agent with 400", async () => {
    const noPrompt = await create({ prompt: "" });
    expect(noPrompt.status).toBe(400);
    expect(noPrompt.data).toMatchObject({ error: { code: 400, status: "INVALID_ARGUMENT" } });
    const source = await create({ prompt: "x", sourceContext: { source: "sources/github/acme/nope", githubRepoContext: { startingBranch: "main" } } });
    expect(source.status).toBe(400);
    const branch = await create({ prompt: "x", sourceContext: { source: SOURCE, githubRepoContext: { startingBranch: "epic/9-gone" } } });
    expect(branch.status).toBe(400);
    expect(branch.data).toMatchObject({ error: { status: "INVALID_ARGUMENT", message: expect.stringContaining("epic/9-gone") } });
    expect(sandbox.julesApi.sessions).toEqual([]);
    expect(jules.tasks).toEqual([]);

    const bare = seedWorld().sandbox;
    bare.julesApi.addKey("k", "mona");
    const response = await bare.julesApi.fetch(`${BASE}/sessions`, {
      method: "POST",
      headers: { "x-goog-api-key": "k" },
      body: JSON.stringify({ prompt: "x", sourceContext: { source: SOURCE, githubRepoContext: { startingBranch: "main" } } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { status: "FAILED_PRECONDITION", message: expect.stringContaining("Jules is not connected") } });
  });

  it("queues sessions over the agent's concurrency and starts them as slots free", async () => {
    sandbox = seedWorld().sandbox;
    jules = sandbox.addAgent({ preset: "jules", concurrency: 1 });
    sandbox.julesApi.addKey("mona-key", "mona");
    const [a, b] = [newIssue("first"), newIssue("second")];
    const first = await call<JulesSession>("POST", "/sessions", { prompt: `#${a}`, sourceContext: { source: SOURCE, githubRepoContext: { startingBranch: "main" } }, automationMode: "AUTO_CREATE_PR" });
    const second = await call<JulesSession>("POST", "/sessions", { prompt: `#${b}`, sourceContext: { source: SOURCE, githubRepoContext: { startingBranch: "main" } }, automationMode: "AUTO_CREATE_PR" });
    expect(second.status).toBe(200);
    expect((await session(second.data.id)).state).toBe("QUEUED");

    await jules.work();
    expect(jules.tasks.map((t) => [t.issue, t.state])).toEqual([[a, "open"]]);
    expect((await session(first.data.id)).state).toBe("COMPLETED");
    expect((await session(second.data.id)).state).toBe("QUEUED");
    // A label meanwhile is refused as usual.
    sandbox.as("mona").addLabels({ ...at, issue: b, labels: ["jules"] });
    expect(jules.ignored.map((i) => i.reason)).toEqual(["at-capacity"]);

    sandbox.as("mona").mergePullRequest({ ...at, pull: jules.tasks[0]?.pull as number });
    expect((await session(second.data.id)).state).toBe("IN_PROGRESS");
    const report = await jules.work();
    expect(report.opened.map((t) => [t.issue, t.via])).toEqual([[b, "session"]]);
    expect((await session(second.data.id)).outputs).toHaveLength(1);
    expect(sandbox.violations).toEqual([]);
  });

  it("fails a session on demand: FAILED, and the failure comment on the issue", async () => {
    const issue = newIssue();
    const { data } = await create({ prompt: `Fix #${issue}` });
    jules.failNext();
    await jules.work();
    expect(await session(data.id)).toMatchObject({ state: "FAILED", outputs: [] });
    expect(sandbox.comments("acme", "api", issue).at(-1)).toMatchObject({ user: { login: "google-labs-jules[bot]" }, body: expect.stringContaining("could not complete this task") });
    const activities = (await call<{ activities: JulesActivity[] }>("GET", `/sessions/${data.id}/activities`)).data.activities;
    expect(activities.at(-1)?.sessionFailed?.reason).toBe("the task could not be completed");
  });

  it("in auto mode, a session is worked on its own", async () => {
    sandbox = seedWorld().sandbox;
    jules = sandbox.addAgent({ preset: "jules", mode: "auto" });
    sandbox.julesApi.addKey("mona-key", "mona");
    const issue = newIssue();
    const { data } = await call<JulesSession>("POST", "/sessions", { prompt: `#${issue}`, sourceContext: { source: SOURCE, githubRepoContext: { startingBranch: "main" } }, automationMode: "AUTO_CREATE_PR" });
    await jules.idle();
    expect((await session(data.id)).state).toBe("COMPLETED");
    expect(jules.tasks[0]).toMatchObject({ issue, state: "open" });
  });
});
