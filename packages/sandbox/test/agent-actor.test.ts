import { beforeEach, describe, expect, it } from "vitest";
import { seedWorld, type World } from "./sandbox-fixture.js";
import type { Sandbox } from "../src/sandbox.js";

const at = { owner: "acme", repo: "api" } as const;
const EPIC = "epic/42-security";
const targetComment = (branch = EPIC): string => `Dispatched to the agent.\n\nTarget branch: \`${branch}\` (epic #42)\n`;

interface PullView {
  number: number;
  title: string;
  body: string | null;
  draft: boolean;
  mergeable_state: string;
  user: { login: string; type: string };
  head: { ref: string; sha: string };
  base: { ref: string };
}

const pullsOf = (sandbox: Sandbox): PullView[] =>
  sandbox.issues("acme", "api").filter((issue) => "pull_request" in issue).map((issue) => sandbox.pull("acme", "api", issue.number as number) as unknown as PullView);

describe("simulated coding agents", () => {
  let world: World;
  let sandbox: Sandbox;
  beforeEach(() => {
    world = seedWorld();
    sandbox = world.sandbox;
    sandbox.as("mona").pushCommit({ ...at, branch: EPIC, files: { "docs/epic.md": "# Epic 42\n" }, from: "main", message: "Start epic 42" });
  });

  const newIssue = (title = "security(api): add rate limiting to webhook endpoint"): number =>
    sandbox.as("mona").createIssue({ ...at, title, body: "- [ ] limit requests" }).number;

  it("opens a PR on the target branch after a label added by a user and Factory's target comment", async () => {
    const jules = sandbox.addAgent("jules");
    const issue = newIssue();
    sandbox.as("mona").addLabels({ ...at, issue, labels: ["jules"] });
    await world.octokit.rest.issues.createComment({ ...at, issue_number: issue, body: targetComment() });
    expect(pullsOf(sandbox)).toEqual([]); // manual mode: nothing until work()

    const report = await jules.work();

    const [pull] = pullsOf(sandbox);
    expect(pull?.base.ref).toBe(EPIC);
    expect(pull?.head.ref).toBe(`jules/${issue}-security-api-add-rate-limiting-to`);
    expect(pull?.body).toContain(`Fixes #${issue}`);
    expect(pull?.title).toContain("add rate limiting to webhook endpoint");
    expect(pull?.user).toMatchObject({ login: "google-labs-jules[bot]", type: "Bot" });
    expect(sandbox.file("acme", "api", pull?.head.ref as string, `changes/issue-${issue}.md`)).toContain("add rate limiting");
    // Branched from the epic: the epic's file is there, and the PR holds one commit.
    expect(sandbox.file("acme", "api", pull?.head.ref as string, "docs/epic.md")).toBe("# Epic 42\n");
    expect((await world.octokit.rest.pulls.get({ ...at, pull_number: pull?.number as number })).data.commits).toBe(1);
    expect(jules.tasks).toEqual([
      expect.objectContaining({ repo: "acme/api", issue, state: "open", triggeredBy: "mona", via: "label", targetBranch: EPIC, branch: pull?.head.ref, pull: pull?.number }),
    ]);
    expect(report.opened).toHaveLength(1);
    expect(sandbox.agent("jules")).toBe(jules);
    expect(sandbox.agent("google-labs-jules[bot]")).toBe(jules);

    const opened = sandbox.webhooks.log.find((d) => d.name === "pull_request" && d.action === "opened");
    expect((opened?.payload.sender as { login: string }).login).toBe("google-labs-jules[bot]");
    expect(sandbox.webhooks.log.some((d) => d.name === "push" && (d.payload.ref as string) === `refs/heads/${pull?.head.ref}`)).toBe(true);
    // A second work() does nothing more.
    expect((await jules.work()).opened).toEqual([]);
    expect(pullsOf(sandbox)).toHaveLength(1);
    expect(sandbox.violations).toEqual([]);
  });

  it("ignores a label added by a bot when ignoreBotTriggers is on, and records it", async () => {
    const jules = sandbox.addAgent("jules");
    const issue = newIssue();
    await world.octokit.rest.issues.addLabels({ ...at, issue_number: issue, labels: ["jules"] });
    await world.octokit.rest.issues.createComment({ ...at, issue_number: issue, body: targetComment() });

    await jules.work();

    expect(pullsOf(sandbox)).toEqual([]);
    expect(jules.tasks).toEqual([]);
    expect(jules.ignored).toEqual([{ repo: "acme/api", issue, sender: "factory[bot]", senderType: "Bot", via: "label", reason: "bot-sender" }]);
    expect(sandbox.comments("acme", "api", issue).map((c) => (c.user as { login: string }).login)).toEqual(["factory[bot]"]);
    // The same label from a person is taken (OpenHands-style agents take bots too).
    const openhands = sandbox.addAgent({ preset: "openhands", trigger: { type: "label", label: "jules" } });
    sandbox.as("mona").removeLabel({ ...at, issue, label: "jules" });
    await world.octokit.rest.issues.addLabels({ ...at, issue_number: issue, labels: ["jules"] });
    await openhands.work();
    expect(pullsOf(sandbox).map((p) => [p.head.ref, p.user.login, p.user.type])).toEqual([[`openhands-fix-issue-${issue}`, "openhands-agent", "User"]]);
    expect(sandbox.violations).toEqual([]);
  });

  it("takes an assignment to Copilot at once, reusing the Copilot bot account, and ignores later target comments", async () => {
    const existing = sandbox.createUser("Copilot", { type: "Bot" });
    const copilot = sandbox.addAgent("copilot");
    expect(copilot.account).toBe(existing);
    const issue = sandbox.as("mona").createIssue({ ...at, title: "quality(api): split the handler", assignees: ["Copilot"] }).number;
    // Copilot reads nothing added to the issue after its assignment: without a base branch in
    // the assignment it works from the default branch.
    sandbox.as("factory[bot]").comment({ ...at, issue, body: targetComment() });

    await copilot.work();

    const [pull] = pullsOf(sandbox);
    expect(pull).toMatchObject({ base: { ref: "main" }, head: { ref: `copilot/fix-${issue}` }, user: { login: "Copilot", type: "Bot" } });
    expect(pull?.body).toContain(`Closes #${issue}`);
    expect(copilot.tasks[0]).toMatchObject({ state: "open", via: "assignee", triggeredBy: "mona", targetBranch: "main" });

    // An assignment made by a bot (an installation token) is ignored: Copilot needs a user token.
    const other = newIssue("docs(api): document limits");
    await world.octokit.rest.issues.addAssignees({ ...at, issue_number: other, assignees: ["Copilot"] });
    sandbox.as("factory[bot]").comment({ ...at, issue: other, body: targetComment() });
    await copilot.work();
    expect(copilot.ignored.map((i) => [i.issue, i.reason])).toEqual([[other, "bot-sender"]]);
    expect(pullsOf(sandbox)).toHaveLength(1);
    expect(sandbox.violations).toEqual([]);
  });

  it("answers a mention, with custom settings", async () => {
    const claude = sandbox.addAgent({ login: "claude-coder", type: "User", trigger: { type: "mention", mention: "@claude" }, closingKeyword: "Closes" });
    expect(claude.name).toBe("claude-coder");
    const issue = newIssue("testing(api): cover the rate limiter");
    sandbox.as("dev").comment({ ...at, issue, body: "@claudette is not the agent" });
    await claude.work();
    expect(claude.tasks).toEqual([]);

    sandbox.as("dev").comment({ ...at, issue, body: `@claude please implement this.\n\nTarget branch: \`${EPIC}\` (epic #42)` });
    await claude.work();

    const [pull] = pullsOf(sandbox);
    expect(pull).toMatchObject({ base: { ref: EPIC }, head: { ref: `claude-coder/issue-${issue}-testing-api-cover-the-rate-limiter` }, user: { login: "claude-coder", type: "User" } });
    expect(pull?.body).toContain(`Closes #${issue}`);
    expect(claude.tasks[0]).toMatchObject({ via: "mention", triggeredBy: "dev", state: "open" });
    expect(sandbox.violations).toEqual([]);
  });

  it("waits for the target comment, or falls back to the default branch when told to", async () => {
    const jules = sandbox.addAgent("jules");
    const issue = newIssue();
    sandbox.as("mona").addLabels({ ...at, issue, labels: ["jules"] });

    const waiting = await jules.work();
    expect(waiting.waiting.map((t) => t.issue)).toEqual([issue]);
    expect(jules.tasks[0]?.state).toBe("pending");
    expect(pullsOf(sandbox)).toEqual([]);

    // A repeated trigger while pending is not a second task.
    sandbox.as("mona").removeLabel({ ...at, issue, label: "jules" });
    sandbox.as("mona").addLabels({ ...at, issue, labels: ["jules"] });
    expect(jules.ignored.map((i) => i.reason)).toEqual(["duplicate"]);

    sandbox.as("factory[bot]").comment({ ...at, issue, body: targetComment() });
    await jules.work();
    expect(pullsOf(sandbox).map((p) => p.base.ref)).toEqual([EPIC]);
    expect(jules.tasks).toHaveLength(1);

    const eager = sandbox.addAgent({ preset: "openhands", requireTargetComment: false });
    const other = newIssue("docs(api): explain limits");
    sandbox.as("mona").addLabels({ ...at, issue: other, labels: ["fix-me"] });
    await eager.work();
    expect(eager.tasks[0]).toMatchObject({ state: "open", targetBranch: "main" });
    expect(pullsOf(sandbox).map((p) => p.base.ref)).toEqual([EPIC, "main"]);
    expect(sandbox.violations).toEqual([]);
  });

  it("fails on demand: a comment and no PR; a new trigger is a new try", async () => {
    const jules = sandbox.addAgent("jules");
    const issue = newIssue();
    sandbox.as("factory[bot]").comment({ ...at, issue, body: targetComment() });
    sandbox.as("mona").addLabels({ ...at, issue, labels: ["jules"] });
    jules.failNext();

    const report = await jules.work();

    expect(report.failed.map((t) => t.issue)).toEqual([issue]);
    expect(jules.tasks[0]).toMatchObject({ state: "failed", pull: null, branch: null });
    expect(pullsOf(sandbox)).toEqual([]);
    const last = sandbox.comments("acme", "api", issue).at(-1);
    expect((last?.user as { login: string }).login).toBe("google-labs-jules[bot]");
    expect(last?.body).toContain("could not complete this task");
    expect(sandbox.branches("acme", "api").map((b) => b.name)).toEqual(["epic/42-security", "main"]);

    sandbox.as("mona").removeLabel({ ...at, issue, label: "jules" });
    sandbox.as("mona").addLabels({ ...at, issue, labels: ["jules"] });
    await jules.work();
    expect(jules.tasks.map((t) => t.state)).toEqual(["failed", "open"]);
    expect(pullsOf(sandbox)).toHaveLength(1);

    // failEvery: every second task fails.
    const flaky = sandbox.addAgent({ preset: "openhands", failEvery: 2 });
    for (const title of ["a(x): one", "a(x): two", "a(x): three"]) {
      const n = newIssue(title);
      sandbox.as("factory[bot]").comment({ ...at, issue: n, body: targetComment() });
      sandbox.as("mona").addLabels({ ...at, issue: n, labels: ["fix-me"] });
    }
    await flaky.work();
    expect(flaky.tasks.map((t) => t.state)).toEqual(["open", "failed", "open"]);
    // A missing target branch is a failure with its reason.
    const lost = newIssue("a(x): four");
    sandbox.as("factory[bot]").comment({ ...at, issue: lost, body: targetComment("epic/99-gone") });
    sandbox.as("mona").addLabels({ ...at, issue: lost, labels: ["fix-me"] });
    await flaky.work();
    expect(flaky.tasks.at(-1)).toMatchObject({ state: "failed", reason: "the target branch `epic/99-gone` does not exist" });
    expect(sandbox.violations).toEqual([]);
  });

  describe("fix requests on the agent's PR", () => {
    // Jules takes requests from people: they come from mona, an org owner.
    const openTask = async (options: { answersNudges?: boolean } = {}) => {
      const agent = sandbox.addAgent({ preset: "jules", ...options });
      const issue = newIssue();
      sandbox.as("factory[bot]").comment({ ...at, issue, body: targetComment() });
      sandbox.as("mona").addLabels({ ...at, issue, labels: ["jules"] });
      await agent.work();
      const pull = pullsOf(sandbox)[0] as PullView;
      return { agent, issue, pull };
    };
    const head = (number: number): string => (sandbox.pull("acme", "api", number) as unknown as PullView).head.sha;

    it("answers 'Can you fix the failing checks' with a new head commit", async () => {
      const { agent, pull } = await openTask();
      sandbox.ci.complete({ ...at, sha: pull.head.sha, name: "test", conclusion: "failure" });
      const asked = await world.withToken(sandbox.createUserToken("mona")).rest.issues.createComment({ ...at, issue_number: pull.number, body: "Can you fix the failing checks: `test`?" });
      expect(head(pull.number)).toBe(pull.head.sha); // nothing before work()
      expect(sandbox.reactions("acme", "api", { commentId: asked.data.id })).toEqual([]);

      const report = await agent.work();

      const after = head(pull.number);
      expect(after).not.toBe(pull.head.sha);
      expect(sandbox.store.commits.get(after)?.parents).toEqual([pull.head.sha]);
      expect(report.answered).toEqual([expect.objectContaining({ pull: pull.number, kinds: ["checks"], state: "answered", commit: after, from: "mona" })]);
      // Acknowledged with 👀, as Jules does.
      expect(sandbox.reactions("acme", "api", { commentId: asked.data.id }).map((r) => [r.user.login, r.content])).toEqual([["google-labs-jules[bot]", "eyes"]]);
      expect(agent.tasks[0]?.commits).toEqual([pull.head.sha, after]);
      expect(sandbox.webhooks.log.some((d) => d.name === "pull_request" && d.action === "synchronize")).toBe(true);
      // Answered once: another work() pushes nothing.
      await agent.work();
      expect(head(pull.number)).toBe(after);
      expect(sandbox.violations).toEqual([]);
    });

    it("answers code reviews, case-insensitively, and only when a person asks", async () => {
      const { agent, pull } = await openTask();
      const bot = sandbox.as("factory[bot]").comment({ ...at, issue: pull.number, body: "Can you fix the code reviews?" });
      await agent.work();
      expect(head(pull.number)).toBe(pull.head.sha);
      expect(agent.nudges).toEqual([]);
      expect(agent.ignoredRequests).toEqual([{ repo: "acme/api", pull: pull.number, commentId: bot.id, from: "factory[bot]", senderType: "Bot", reason: "bot-sender" }]);
      expect(sandbox.reactions("acme", "api", { commentId: bot.id })).toEqual([]);

      sandbox.as("mona").comment({ ...at, issue: pull.number, body: "CAN YOU FIX THE CODE REVIEWS?" });
      await agent.work();
      expect(head(pull.number)).not.toBe(pull.head.sha);
      expect(agent.nudges.map((n) => [n.kinds, n.state])).toEqual([[["reviews"], "answered"]]);
      expect(sandbox.violations).toEqual([]);
    });

    it("answers a merge conflict by merging the base, keeping its own changes", async () => {
      const { agent, issue, pull } = await openTask();
      sandbox.as("mona").pushCommit({ ...at, branch: EPIC, files: { [`changes/issue-${issue}.md`]: "someone else\n" }, message: "Clash" });
      expect((sandbox.pull("acme", "api", pull.number) as unknown as PullView).mergeable_state).toBe("dirty");
      sandbox.as("mona").comment({ ...at, issue: pull.number, body: "Can you fix the merge conflict?" });

      await agent.work();

      const after = sandbox.pull("acme", "api", pull.number) as unknown as PullView;
      expect(after.head.sha).not.toBe(pull.head.sha);
      expect(after.mergeable_state).not.toBe("dirty");
      expect(sandbox.store.commits.get(after.head.sha)?.parents).toHaveLength(2);
      expect(sandbox.file("acme", "api", after.head.ref, `changes/issue-${issue}.md`)).toContain("Fixed the merge conflict");
      expect(sandbox.violations).toEqual([]);
    });

    it("never answers with answersNudges: false", async () => {
      const { agent, pull } = await openTask({ answersNudges: false });
      const asked = sandbox.as("mona").comment({ ...at, issue: pull.number, body: "Can you fix the failing checks: `lint`" });
      await agent.work();
      expect(head(pull.number)).toBe(pull.head.sha);
      expect(agent.nudges.map((n) => n.state)).toEqual(["ignored"]);
      expect(sandbox.reactions("acme", "api", { commentId: asked.id })).toEqual([]);
      expect(sandbox.violations).toEqual([]);
    });

    it("fails a fix request on demand, and follows its PR's fate", async () => {
      const { agent, pull } = await openTask();
      agent.failNext();
      sandbox.as("mona").comment({ ...at, issue: pull.number, body: "Can you fix the failing checks: `test`" });
      await agent.work();
      expect(head(pull.number)).toBe(pull.head.sha);
      expect(agent.nudges.map((n) => n.state)).toEqual(["failed"]);
      expect(sandbox.comments("acme", "api", pull.number).at(-1)?.body).toContain("could not fix the failing checks");

      sandbox.as("mona").mergePullRequest({ ...at, pull: pull.number, method: "squash" });
      expect(agent.tasks[0]?.state).toBe("merged");
      sandbox.as("mona").comment({ ...at, issue: pull.number, body: "Can you fix the failing checks: `test`" });
      await agent.work();
      expect(agent.nudges).toHaveLength(1);
      expect(sandbox.violations).toEqual([]);
    });
  });

  it("works on its own in auto mode", async () => {
    const agent = sandbox.addAgent({ preset: "jules", mode: "auto" });
    const issue = newIssue();
    await world.octokit.rest.issues.addLabels({ ...at, issue_number: issue, labels: ["jules"] });
    // Jules ignores the bot; Factory then acts with a member's token.
    const member = world.withToken(sandbox.createUserToken("mona"));
    await member.rest.issues.removeLabel({ ...at, issue_number: issue, name: "jules" });
    await member.rest.issues.addLabels({ ...at, issue_number: issue, labels: ["jules"] });
    await agent.idle();
    expect(agent.tasks[0]?.state).toBe("pending");
    await world.octokit.rest.issues.createComment({ ...at, issue_number: issue, body: targetComment() });
    await agent.idle();
    const [pull] = pullsOf(sandbox);
    expect(pull?.base.ref).toBe(EPIC);

    await member.rest.issues.createComment({ ...at, issue_number: pull?.number as number, body: "Can you fix the code reviews?" });
    await agent.idle();
    expect(head(pull?.number as number)).not.toBe(pull?.head.sha);
    agent.stop();
    expect(agent.errors).toEqual([]);
    expect(sandbox.violations).toEqual([]);

    function head(number: number): string {
      return (sandbox.pull("acme", "api", number) as unknown as PullView).head.sha;
    }
  });

  it("refuses two agents with the same name and unknown agents", () => {
    sandbox.addAgent("jules");
    expect(() => sandbox.addAgent({ preset: "jules", failEvery: 2 })).toThrow(/already exists/);
    expect(() => sandbox.agent("nobody")).toThrow(/no agent/);
    expect(sandbox.agents.map((a) => a.name)).toEqual(["jules"]);
  });
});
