import { beforeEach, describe, expect, it } from "vitest";
import { failureOf, seedWorld, type TestOctokitInstance, type World } from "./sandbox-fixture.js";
import type { Sandbox } from "../src/sandbox.js";

/**
 * The presets behave as their vendors document: who can start them, which
 * base branch they work from, and whose "Can you fix …" comments on their
 * pull requests they act on (with a 👀 reaction).
 */
const at = { owner: "acme", repo: "api" } as const;
const EPIC = "epic/1-x";
const CHECKS = "Can you fix the failing checks: `test`?";

interface PullView {
  number: number;
  user: { login: string };
  head: { ref: string; sha: string };
  base: { ref: string };
}

describe("simulated agents behave like their vendors", () => {
  let world: World;
  let sandbox: Sandbox;
  /** mona (org owner) through the REST API with a personal token. */
  let mona: TestOctokitInstance;
  beforeEach(() => {
    world = seedWorld();
    sandbox = world.sandbox;
    sandbox.createUser("reader");
    sandbox.addCollaborator({ ...at, login: "reader", permission: "read" });
    sandbox.as("mona").pushCommit({ ...at, branch: EPIC, files: { "docs/epic.md": "# Epic 1\n" }, from: "main", message: "Start epic 1" });
    mona = world.withToken(sandbox.createUserToken("mona"));
  });

  const newIssue = (title = "feat(api): add a health endpoint"): number => sandbox.as("mona").createIssue({ ...at, title, body: "- [ ] do it" }).number;
  const pulls = (): PullView[] =>
    sandbox
      .issues("acme", "api")
      .filter((issue) => "pull_request" in issue)
      .map((issue) => sandbox.pull("acme", "api", issue.number) as unknown as PullView);
  const head = (number: number): string => (sandbox.pull("acme", "api", number) as unknown as PullView).head.sha;
  const eyes = (commentId: number): string[][] => sandbox.reactions("acme", "api", { commentId }).map((r) => [r.user.login, r.content]);
  /** `POST /issues/{n}/assignees` with a body Octokit's types do not know yet (`agent_assignment`). */
  const assign = (octokit: TestOctokitInstance, issue: number, body: Record<string, unknown>) =>
    octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/assignees", { ...at, issue_number: issue, ...body });

  describe("Copilot", () => {
    it("assigned by a person through REST with agent_assignment.base_branch, opens its PR against that branch at once", async () => {
      const copilot = sandbox.addAgent("copilot");
      const issue = newIssue();

      const answer = await assign(mona, issue, { assignees: ["copilot-swe-agent[bot]"], agent_assignment: { base_branch: EPIC, custom_instructions: "Keep it small" } });

      // The REST login resolves to the Copilot bot; the assignment's settings are not rendered.
      expect(answer.status).toBe(201);
      expect(answer.data.assignees?.map((a) => [a.login, a.type])).toEqual([["Copilot", "Bot"]]);
      expect("agent_assignment" in answer.data).toBe(false);
      expect(sandbox.store.requireIssue(sandbox.store.requireRepo("acme", "api"), issue).agentAssignment).toEqual({
        targetRepo: null,
        baseBranch: EPIC,
        customInstructions: "Keep it small",
        customAgent: null,
        model: null,
      });
      // A target comment after the assignment changes nothing: Copilot does not read it.
      sandbox.as("factory[bot]").comment({ ...at, issue, body: "Target branch: `main`" });

      const report = await copilot.work();

      expect(report.opened.map((t) => [t.issue, t.targetBranch])).toEqual([[issue, EPIC]]);
      const [pull] = pulls();
      expect(pull).toMatchObject({ base: { ref: EPIC }, head: { ref: `copilot/fix-${issue}` }, user: { login: "Copilot" } });
      expect(sandbox.file("acme", "api", pull?.head.ref as string, "docs/epic.md")).toBe("# Epic 1\n");
      // The OpenAPI description predates agent_assignment, and the request validator let it through.
      expect(sandbox.violations).toEqual([]);
    });

    it("ignores the same assignment made by the app, which is applied all the same", async () => {
      const copilot = sandbox.addAgent("copilot");
      const issue = newIssue();

      await assign(world.octokit, issue, { assignees: ["copilot-swe-agent[bot]"], agent_assignment: { base_branch: EPIC } });
      await copilot.work();

      expect(sandbox.issue("acme", "api", issue).assignees).toEqual([expect.objectContaining({ login: "Copilot" })]);
      expect(copilot.tasks).toEqual([]);
      expect(copilot.ignored).toEqual([{ repo: "acme/api", issue, sender: "factory[bot]", senderType: "Bot", via: "assignee", reason: "bot-sender" }]);
      expect(pulls()).toEqual([]);
      expect(sandbox.violations).toEqual([]);
    });

    it("refuses a missing base branch, or agent_assignment without Copilot, with 422 and assigns nothing", async () => {
      sandbox.addAgent("copilot");
      const issue = newIssue();

      const missing = await failureOf(assign(mona, issue, { assignees: ["copilot-swe-agent[bot]", "dev"], agent_assignment: { base_branch: "epic/9-gone" } }));
      expect(missing.status).toBe(422);
      expect(missing.data).toMatchObject({
        message: "Validation Failed",
        errors: [expect.objectContaining({ resource: "Issue", code: "invalid", field: "agent_assignment.base_branch", value: "epic/9-gone" })],
      });

      const withoutCopilot = await failureOf(assign(mona, issue, { assignees: ["dev"], agent_assignment: { base_branch: EPIC } }));
      expect(withoutCopilot.status).toBe(422);
      expect(withoutCopilot.data).toMatchObject({ errors: [expect.objectContaining({ field: "agent_assignment" })] });

      const notAnObject = await failureOf(assign(mona, issue, { assignees: ["Copilot"], agent_assignment: "epic/1-x" }));
      expect(notAnObject.status).toBe(422);
      expect(notAnObject.message).toContain("is not an object");

      expect(sandbox.issue("acme", "api", issue).assignees).toEqual([]);
      expect(sandbox.webhooks.log.filter((d) => d.name === "issues" && d.action === "assigned")).toEqual([]);
    });

    it("without a Copilot account, copilot-swe-agent[bot] is ignored like any unknown login", async () => {
      const issue = newIssue();

      const answer = await assign(mona, issue, { assignees: ["copilot-swe-agent[bot]"] });

      expect(answer.status).toBe(201);
      expect(answer.data.assignees).toEqual([]);
      // …so an agent_assignment has no Copilot to go with.
      expect((await failureOf(assign(mona, issue, { assignees: ["copilot-swe-agent[bot]"], agent_assignment: {} }))).status).toBe(422);
      expect(sandbox.violations).toEqual([]);
    });

    it("answers '@copilot Can you fix …' from a writer with 👀, and ignores it without the mention, from a bot, or from a reader", async () => {
      const copilot = sandbox.addAgent("copilot");
      const issue = newIssue();
      await assign(mona, issue, { assignees: ["Copilot"] });
      await copilot.work();
      const pull = pulls()[0] as PullView;
      expect(pull.base.ref).toBe("main");

      const plain = sandbox.as("dev").comment({ ...at, issue: pull.number, body: CHECKS });
      const byBot = await world.octokit.rest.issues.createComment({ ...at, issue_number: pull.number, body: `@copilot ${CHECKS}` });
      const byReader = sandbox.as("reader").comment({ ...at, issue: pull.number, body: `@copilot ${CHECKS}` });
      await copilot.work();

      expect(head(pull.number)).toBe(pull.head.sha);
      expect(copilot.nudges).toEqual([]);
      expect(copilot.ignoredRequests.map((r) => [r.commentId, r.from, r.reason])).toEqual([
        [plain.id, "dev", "no-mention"],
        [byBot.data.id, "factory[bot]", "bot-sender"],
        [byReader.id, "reader", "not-a-writer"],
      ]);
      for (const id of [plain.id, byBot.data.id, byReader.id]) expect(eyes(id)).toEqual([]);

      // dev has write access: taken.
      const asked = sandbox.as("dev").comment({ ...at, issue: pull.number, body: `@copilot ${CHECKS}` });
      const report = await copilot.work();

      expect(report.answered.map((n) => [n.commentId, n.from, n.kinds])).toEqual([[asked.id, "dev", ["checks"]]]);
      expect(head(pull.number)).not.toBe(pull.head.sha);
      expect(eyes(asked.id)).toEqual([["Copilot", "eyes"]]);
      expect(sandbox.violations).toEqual([]);
    });
  });

  it("Jules answers a person's request with 👀 and ignores a bot's", async () => {
    const jules = sandbox.addAgent("jules");
    const issue = newIssue();
    sandbox.as("mona").addLabels({ ...at, issue, labels: ["jules"] });
    sandbox.as("factory[bot]").comment({ ...at, issue, body: `Target branch: \`${EPIC}\`` });
    await jules.work();
    const pull = pulls()[0] as PullView;
    expect(pull.base.ref).toBe(EPIC);

    const byBot = sandbox.as("factory[bot]").comment({ ...at, issue: pull.number, body: CHECKS });
    await jules.work();
    expect(head(pull.number)).toBe(pull.head.sha);
    expect(jules.ignoredRequests).toEqual([{ repo: "acme/api", pull: pull.number, commentId: byBot.id, from: "factory[bot]", senderType: "Bot", reason: "bot-sender" }]);

    // Jules asks for no mention and no write access: an outside reviewer's comment is taken.
    const byPerson = sandbox.as("outsider").comment({ ...at, issue: pull.number, body: CHECKS });
    await jules.work();
    expect(head(pull.number)).not.toBe(pull.head.sha);
    expect(jules.nudges.map((n) => [n.commentId, n.state])).toEqual([[byPerson.id, "answered"]]);
    expect(eyes(byPerson.id)).toEqual([["google-labs-jules[bot]", "eyes"]]);
    expect(eyes(byBot.id)).toEqual([]);
    expect(sandbox.violations).toEqual([]);
  });

  it("Codex is started by a person's @codex with a target line, opens its PR against the target, and answers @codex requests", async () => {
    const codex = sandbox.addAgent("codex");
    const issue = newIssue("feat(api): add a health endpoint");

    // A bot's mention starts nothing.
    sandbox.as("factory[bot]").comment({ ...at, issue, body: `@codex please implement this.\n\nTarget branch: \`${EPIC}\`` });
    await codex.work();
    expect(codex.tasks).toEqual([]);
    expect(codex.ignored.map((i) => [i.sender, i.via, i.reason])).toEqual([["factory[bot]", "mention", "bot-sender"]]);

    // The target line inside the mention itself is the target: no other comment is needed.
    await mona.rest.issues.createComment({ ...at, issue_number: issue, body: `@codex please implement this.\n\nTarget branch: \`${EPIC}\` (epic #1)` });
    await codex.work();

    const [pull] = pulls();
    expect(pull).toMatchObject({ base: { ref: EPIC }, head: { ref: `codex/issue-${issue}-feat-api-add-a-health-endpoint` }, user: { login: "chatgpt-codex-connector[bot]" } });
    expect(codex.tasks[0]).toMatchObject({ via: "mention", triggeredBy: "mona", targetBranch: EPIC, state: "open" });
    expect((sandbox.pull("acme", "api", pull?.number as number) as { body: string }).body).toContain(`Fixes #${issue}`);

    const number = pull?.number as number;
    const plain = sandbox.as("outsider").comment({ ...at, issue: number, body: CHECKS });
    const asked = sandbox.as("outsider").comment({ ...at, issue: number, body: `@codex ${CHECKS}` });
    await codex.work();
    expect(codex.ignoredRequests.map((r) => [r.commentId, r.reason])).toEqual([[plain.id, "no-mention"]]);
    expect(codex.nudges.map((n) => [n.commentId, n.state])).toEqual([[asked.id, "answered"]]);
    expect(eyes(asked.id)).toEqual([["chatgpt-codex-connector[bot]", "eyes"]]);
    expect(sandbox.violations).toEqual([]);
  });

  it.each([
    ["claude", "@claude", "claude[bot]"],
    ["openhands", "@openhands-agent", "openhands-agent"],
  ] as const)("%s takes %s requests from writers only", async (preset, mention, login) => {
    const agent = sandbox.addAgent({ preset, trigger: { type: "label", label: "go" } });
    const issue = newIssue();
    sandbox.as("factory[bot]").comment({ ...at, issue, body: `Target branch: \`${EPIC}\`` });
    sandbox.as("mona").addLabels({ ...at, issue, labels: ["go"] });
    await agent.work();
    const pull = pulls()[0] as PullView;

    const outsider = sandbox.as("outsider").comment({ ...at, issue: pull.number, body: `${mention} ${CHECKS}` });
    const bot = sandbox.as("factory[bot]").comment({ ...at, issue: pull.number, body: `${mention} ${CHECKS}` });
    const asked = sandbox.as("dev").comment({ ...at, issue: pull.number, body: `${mention} ${CHECKS}` });
    await agent.work();

    expect(agent.ignoredRequests.map((r) => [r.commentId, r.reason])).toEqual([
      [outsider.id, "not-a-writer"],
      [bot.id, "bot-sender"],
    ]);
    expect(agent.nudges.map((n) => [n.commentId, n.state])).toEqual([[asked.id, "answered"]]);
    expect(eyes(asked.id)).toEqual([[login, "eyes"]]);
    expect(sandbox.violations).toEqual([]);
  });

  it("a custom agent without a preset still answers a bot's request, without a reaction, and passes over a person's", async () => {
    const agent = sandbox.addAgent({ login: "helper", type: "User", trigger: { type: "label", label: "help" } });
    expect(agent.settings.requests).toEqual({ from: "bots", mention: null, writersOnly: false });
    const issue = newIssue();
    sandbox.as("factory[bot]").comment({ ...at, issue, body: `Target branch: \`${EPIC}\`` });
    sandbox.as("mona").addLabels({ ...at, issue, labels: ["help"] });
    await agent.work();
    const pull = pulls()[0] as PullView;

    const person = sandbox.as("mona").comment({ ...at, issue: pull.number, body: CHECKS });
    const bot = await world.octokit.rest.issues.createComment({ ...at, issue_number: pull.number, body: CHECKS });
    await agent.work();

    expect(head(pull.number)).not.toBe(pull.head.sha);
    expect(agent.nudges.map((n) => [n.commentId, n.from, n.state])).toEqual([[bot.data.id, "factory[bot]", "answered"]]);
    expect(agent.ignoredRequests.map((r) => [r.commentId, r.reason])).toEqual([[person.id, "person-sender"]]);
    expect(eyes(bot.data.id)).toEqual([]);
    expect(sandbox.violations).toEqual([]);
  });

  it("writersOnly counts an app's bot as a writer when its installation can write contents", async () => {
    const agent = sandbox.addAgent({
      login: "helper",
      type: "User",
      trigger: { type: "label", label: "help" },
      requests: { from: "anyone", writersOnly: true },
    });
    const issue = newIssue();
    sandbox.as("factory[bot]").comment({ ...at, issue, body: `Target branch: \`${EPIC}\`` });
    sandbox.as("mona").addLabels({ ...at, issue, labels: ["help"] });
    await agent.work();
    const pull = pulls()[0] as PullView;

    const reader = sandbox.as("reader").comment({ ...at, issue: pull.number, body: CHECKS });
    const bot = sandbox.as("factory[bot]").comment({ ...at, issue: pull.number, body: CHECKS });
    await agent.work();

    expect(agent.ignoredRequests.map((r) => [r.commentId, r.reason])).toEqual([[reader.id, "not-a-writer"]]);
    expect(agent.nudges.map((n) => [n.commentId, n.state])).toEqual([[bot.id, "answered"]]);
    expect(eyes(bot.id)).toEqual([["helper", "eyes"]]);
  });

  it("refuses request rules it cannot read", () => {
    expect(() => sandbox.addAgent({ preset: "jules", requests: { from: "robots" as "bots" } })).toThrow(/requests.from/);
    expect(() => sandbox.addAgent({ preset: "jules", requests: { from: "people", mention: " " } })).toThrow(/mention/);
  });
});
