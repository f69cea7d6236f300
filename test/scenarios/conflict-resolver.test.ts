import { afterEach, describe, expect, it } from "vitest";
import { parseLedger } from "../../src/model/ledger-entry.js";
import type { FactoryHarness } from "../helpers/factory-harness.js";
import { readyIssue } from "../helpers/ready-issue.js";
import { epicDispatched, storyOnClock } from "../helpers/story-on-clock.js";

/*
 * The runbook's "resolve stuck pull requests" step: Jules's pull request
 * conflicts with its epic branch and Jules does not fix it. Past the
 * request's timeout, Factory hands the conflict to the resolver agent
 * (`monitor.conflictResolver: claude`), as a member, since the Claude action
 * ignores apps; Claude merges the epic branch in, keeping its side, and the
 * pull request merges with nothing more paid. When Claude fails too, a
 * person gets it.
 */

const BOT = "factory[bot]";
const CONFIG = ["_extends: .github", "epics:", "  minChildren: 1", "monitor:", "  nudgeAttempts: 1", "  nudgeTimeoutHours: 12", "  conflictResolver: claude", ""].join("\n");
const ORG_CONFIG = ["agents:", "  - name: jules", "  - name: claude", "    issueTypes: [docs]", "budget:", "  members:", "    - login: mona", "      dailyQuota: 50", "      tokenEnv: MONA_TOKEN", "  repoShare: 1", ""].join("\n");

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const at = { owner: "acme", repo: "api" } as const;
const comments = (n: number) => h.sandbox.comments("acme", "api", n);
const pullOf = (n: number) => h.sandbox.snapshot().pulls.find((p) => p.repo === "acme/api" && p.number === n);
const ledger = () => parseLedger(h.sandbox.file("acme", ".github", "factory-ledger", `factory/dispatch-${new Date(Date.now()).toISOString().slice(0, 7)}.jsonl`) ?? "");

/** Jules's pull request for one child, green and approved, then conflicting with a maintainer's commit on the epic branch. */
async function conflicting() {
  const story = await storyOnClock({ repoConfig: CONFIG, orgConfig: ORG_CONFIG });
  h = story.h;
  const clock = story.clock;
  const jules = h.sandbox.addAgent({ preset: "jules", answersNudges: false });
  const claude = h.sandbox.addAgent({ preset: "claude" });
  const child = readyIssue(h, "handler leaks a file descriptor");
  const epic = await epicDispatched(h);
  await jules.work();
  await h.settle();
  const pull = jules.tasks.find((t) => t.issue === child)?.pull as number;
  const branch = pullOf(pull)?.base as string;
  // A maintainer writes the same file on the epic branch: the pull request now conflicts.
  h.sandbox.as("mona").pushCommit({ ...at, branch, files: { [`changes/issue-${child}.md`]: "the maintainer's line\n" } });
  await h.settle();
  return { clock, jules, claude, child, epic, pull, branch };
}

async function sync(epic: number): Promise<void> {
  h.sandbox.as("mona").comment({ ...at, issue: epic, body: "/factory sync" });
  await h.settle();
}

describe("a conflict the agent leaves, handed to the resolver agent", () => {
  it("asks Jules once, then Claude as mona past the timeout; Claude keeps the epic branch's side and the pull request merges, paid once", async () => {
    const { clock, jules, claude, child, epic, pull, branch } = await conflicting();
    const asks = () => comments(pull).filter((c) => c.body.includes("merge conflict"));
    expect(asks().map((c) => [c.user.login, c.body.split("\n")[0]])).toEqual([["mona", "@jules Can you fix the merge conflict?"]]);
    expect(jules.nudges.map((n) => n.state)).toEqual(["ignored"]);

    await clock.sleep(13 * 3_600_000);
    await sync(epic);
    const [, resolve] = asks();
    expect(resolve?.user.login, "the Claude action ignores apps: mona asks").toBe("mona");
    expect(resolve?.body.split("\n")[0]).toBe(
      `@claude Can you resolve the merge conflict with \`${branch}\`? Merge \`${branch}\` into \`${pullOf(pull)?.head}\`, keep \`${branch}\`'s side wherever the two cannot both stay, push the merge to this branch, and say in a comment which changes of this branch you dropped.`,
    );
    expect(comments(epic).some((c) => c.body.includes("needs a person"))).toBe(false);

    await claude.work();
    await h.settle();
    expect(claude.resolutions.map((r) => [r.state, r.dropped])).toEqual([["resolved", [`changes/issue-${child}.md`]]]);
    expect(h.sandbox.file("acme", "api", pullOf(pull)?.head as string, `changes/issue-${child}.md`)).toBe("the maintainer's line\n");
    h.sandbox.ci.complete({ ...at, sha: pullOf(pull)?.headSha as string, name: "test", conclusion: "success" });
    h.sandbox.as("rita").review({ ...at, pull, event: "APPROVE" });
    await h.settle();
    expect(pullOf(pull)?.merged).toBe(true);
    expect((h.sandbox.issue("acme", "api", child) as { state: string }).state).toBe("closed");
    // Nothing more was paid: one ledger line, Jules's.
    expect(ledger().entries.map((e) => [e.issue, e.agent])).toEqual([[child, "jules"]]);
    expect(asks()).toHaveLength(2);
  });

  it("escalates to a person when Claude cannot resolve it either, saying so on the epic", async () => {
    const { clock, claude, epic, pull } = await conflicting();
    await clock.sleep(13 * 3_600_000);
    await sync(epic);
    claude.failNext();
    await claude.work();
    await h.settle();
    expect(claude.resolutions.map((r) => r.state)).toEqual(["failed"]);
    await clock.sleep(13 * 3_600_000);
    await sync(epic);
    const escalation = comments(epic).find((c) => c.user.login === BOT && c.body.includes("needs a person"))?.body ?? "";
    expect(escalation).toContain(`#${pull}`);
    expect(escalation).toContain("no new commit 12 hours after asking claude to resolve the merge conflict");
    expect(h.sandbox.issue("acme", "api", pull)).toMatchObject({ labels: expect.arrayContaining([expect.objectContaining({ name: "needs-intervention" })]) });
  });
});
