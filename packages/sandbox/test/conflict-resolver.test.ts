import { beforeEach, describe, expect, it } from "vitest";
import { seedWorld, type World } from "./sandbox-fixture.js";
import type { Sandbox } from "../src/sandbox.js";

/**
 * The Claude action answers `@claude` on any pull request, including one it
 * did not open: asked to resolve a merge conflict, it merges the base into
 * the head, keeping the base's side where both changed
 * (https://github.com/anthropics/claude-code-action/blob/main/docs/usage.md).
 */
const at = { owner: "acme", repo: "api" } as const;
const ASK = "@claude Can you resolve the merge conflict with `main`? Keep `main`'s version where they disagree.";

interface PullView {
  head: { ref: string; sha: string };
  mergeable: boolean | null;
  mergeable_state: string;
}

describe("an agent resolving merge conflicts on others' pull requests", () => {
  let world: World;
  let sandbox: Sandbox;
  let pull: number;
  beforeEach(() => {
    world = seedWorld();
    sandbox = world.sandbox;
    sandbox.createUser("reader");
    sandbox.addCollaborator({ ...at, login: "reader", permission: "read" });
    // dev's PR changes the guide and adds a file; main then changes the guide too.
    pull = sandbox.as("dev").openPullRequest({
      ...at,
      head: "dev/guide",
      title: "Rewrite the guide",
      files: { "docs/guide.md": "# Guide, by dev\n", "docs/extra.md": "extra\n" },
    }).number;
    sandbox.as("mona").pushCommit({ ...at, branch: "main", files: { "docs/guide.md": "# Guide, on main\n", "README.md": "hello\n" }, message: "Main moves on" });
  });

  const view = (): PullView => sandbox.pull("acme", "api", pull) as unknown as PullView;
  const graphState = async (): Promise<{ mergeable: string; mergeStateStatus: string }> =>
    (
      await world.octokit.graphql<{ repository: { pullRequest: { mergeable: string; mergeStateStatus: string } } }>(
        `query($n: Int!) { repository(owner: "acme", name: "api") { pullRequest(number: $n) { mergeable mergeStateStatus } } }`,
        { n: pull },
      )
    ).repository.pullRequest;

  it("merges the base into a writer's conflicting PR, keeping the base's side, and says what it dropped", async () => {
    const claude = sandbox.addAgent("claude");
    expect(claude.settings.resolvesConflicts).toBe(true);
    const before = view();
    expect(before.mergeable_state).toBe("dirty");
    expect((await graphState()).mergeable).toBe("CONFLICTING");

    const asked = sandbox.as("mona").comment({ ...at, issue: pull, body: ASK });
    const report = await claude.work();

    const after = view();
    expect(after.head.sha).not.toBe(before.head.sha);
    expect(after.mergeable).toBe(true);
    expect(await graphState()).toMatchObject({ mergeable: "MERGEABLE" });
    expect((await graphState()).mergeStateStatus).not.toBe("DIRTY");
    const merge = sandbox.store.commits.get(after.head.sha);
    expect(merge?.parents).toEqual([before.head.sha, sandbox.branches("acme", "api").find((b) => b.name === "main")?.sha]);
    expect(merge?.authorAccount?.login).toBe("claude[bot]");
    // The base's side of the conflicting path, the head's own change elsewhere, the base's other change.
    expect(sandbox.file("acme", "api", "dev/guide", "docs/guide.md")).toBe("# Guide, on main\n");
    expect(sandbox.file("acme", "api", "dev/guide", "docs/extra.md")).toBe("extra\n");
    expect(sandbox.file("acme", "api", "dev/guide", "README.md")).toBe("hello\n");

    expect(claude.resolutions).toEqual([
      { repo: "acme/api", pull, commentId: asked.id, from: "mona", state: "resolved", commit: after.head.sha, dropped: ["docs/guide.md"] },
    ]);
    expect(report.resolved).toHaveLength(1);
    expect(sandbox.reactions("acme", "api", { commentId: asked.id }).map((r) => [r.user.login, r.content])).toEqual([["claude[bot]", "eyes"]]);
    expect(sandbox.comments("acme", "api", pull).at(-1)).toMatchObject({
      user: { login: "claude[bot]" },
      body: "Merged `main` into `dev/guide`; kept `main`'s side of: `docs/guide.md`.",
    });
    // A plain push: a push webhook and the PR's synchronize.
    expect(sandbox.webhooks.log.some((d) => d.name === "push" && d.payload.forced === false && d.payload.after === after.head.sha)).toBe(true);
    expect(sandbox.webhooks.log.some((d) => d.name === "pull_request" && d.action === "synchronize")).toBe(true);
    // The PR's author and its task list are untouched; Claude opened nothing.
    expect(claude.tasks).toEqual([]);

    // Asked again: nothing to merge.
    sandbox.as("mona").comment({ ...at, issue: pull, body: ASK });
    await claude.work();
    expect(view().head.sha).toBe(after.head.sha);
    expect(claude.resolutions.at(-1)).toMatchObject({ state: "resolved", commit: null, dropped: [] });
    expect(sandbox.comments("acme", "api", pull).at(-1)?.body).toBe("`dev/guide` is not behind `main`: there was nothing to merge.");
    expect(sandbox.violations).toEqual([]);
  });

  it("ignores a bot's or a reader's request, and one without the mention", async () => {
    const claude = sandbox.addAgent("claude");
    const head = view().head.sha;
    const bot = await world.octokit.rest.issues.createComment({ ...at, issue_number: pull, body: ASK });
    const reader = sandbox.as("reader").comment({ ...at, issue: pull, body: ASK });
    const plain = sandbox.as("mona").comment({ ...at, issue: pull, body: "Can you resolve the merge conflict?" });

    await claude.work();

    expect(view().head.sha).toBe(head);
    expect(claude.resolutions).toEqual([]);
    expect(claude.ignoredRequests.map((r) => [r.commentId, r.from, r.reason])).toEqual([
      [bot.data.id, "factory[bot]", "bot-sender"],
      [reader.id, "reader", "not-a-writer"],
      [plain.id, "mona", "no-mention"],
    ]);
    expect(sandbox.reactions("acme", "api", { commentId: reader.id })).toEqual([]);
    expect(sandbox.violations).toEqual([]);
  });

  it("an agent without resolvesConflicts takes no notice", async () => {
    const copilot = sandbox.addAgent("copilot");
    const head = view().head.sha;
    sandbox.as("mona").comment({ ...at, issue: pull, body: `@copilot ${ASK}` });
    await copilot.work();
    expect(view().head.sha).toBe(head);
    expect(copilot.resolutions).toEqual([]);
    expect(copilot.ignoredRequests).toEqual([]);
  });

  it("fails on demand with a comment and pushes nothing; a closed PR is passed over", async () => {
    const claude = sandbox.addAgent("claude");
    const head = view().head.sha;
    claude.failNext();
    sandbox.as("mona").comment({ ...at, issue: pull, body: ASK });
    await claude.work();
    expect(view().head.sha).toBe(head);
    expect(claude.resolutions.map((r) => [r.state, r.commit])).toEqual([["failed", null]]);
    expect(sandbox.comments("acme", "api", pull).at(-1)?.body).toContain("could not resolve the merge conflict");

    sandbox.as("mona").comment({ ...at, issue: pull, body: ASK });
    sandbox.as("mona").closeIssue({ ...at, issue: pull });
    await claude.work();
    expect(claude.resolutions.map((r) => r.state)).toEqual(["failed", "ignored"]);
    expect(view().head.sha).toBe(head);
  });
});
