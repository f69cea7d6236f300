import { afterEach, describe, expect, it } from "vitest";
import { parseLedger } from "../../src/model/ledger-entry.js";
import type { FactoryHarness } from "../helpers/factory-harness.js";
import { readyIssue } from "../helpers/ready-issue.js";
import { epicDispatched, storyOnClock } from "../helpers/story-on-clock.js";

/*
 * An agent that never picks a task up is noticed: with `pickupHours: 2`, a
 * child Jules was handed and never opened a pull request for is released
 * two hours later, and goes to the next agent (Claude) — paid for once per
 * attempt, never twice for one.
 */

const BOT = "factory[bot]";
const CONFIG = ["_extends: .github", "epics:", "  minChildren: 1", "dispatch:", "  auto: true", "  pickupHours: 2", ""].join("\n");
const ORG_CONFIG = ["agents:", "  - name: jules", "  - name: claude", "budget:", "  members:", "    - login: mona", "      dailyQuota: 50", "      tokenEnv: MONA_TOKEN", "  repoShare: 1", ""].join("\n");

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const ledger = () => parseLedger(h.sandbox.file("acme", ".github", "factory-ledger", `factory/dispatch-${new Date(Date.now()).toISOString().slice(0, 7)}.jsonl`) ?? "");

/** One ready child in an epic, handed to Jules (which acknowledges it with 👀 or not) on a clock the test moves; Claude stands by. */
async function handedToJules(options: { acknowledges: boolean }) {
  const story = await storyOnClock({ repoConfig: CONFIG, orgConfig: ORG_CONFIG });
  h = story.h;
  const jules = h.sandbox.addAgent({ preset: "jules", acknowledgesTasks: options.acknowledges });
  const claude = h.sandbox.addAgent({ preset: "claude" });
  const child = readyIssue(h, "handler leaks a file descriptor");
  const epic = await epicDispatched(h);
  const clock = story.clock;
  return { clock, jules, claude, child, epic };
}

/** mona runs `/factory sync` on the epic, and everything settles. */
async function sync(epic: number): Promise<void> {
  h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: "/factory sync" });
  await h.settle();
}

describe("an agent that never picks a child up", () => {
  it("loses it after pickupHours: the attempt is released, the epic told, and the next agent takes it and merges it", async () => {
    // A Jules that never even says it has the task (no 👀): nothing shows it at work.
    const { clock, jules, claude, child, epic } = await handedToJules({ acknowledges: false });
    expect(ledger().entries.map((e) => e.agent)).toEqual(["jules"]);
    // Jules was handed the child (its label, as mona) and never works. An hour on, a sync changes nothing.
    expect(jules.tasks.map((t) => t.issue)).toEqual([child]);
    await clock.sleep(3_600_000);
    await sync(epic);
    expect(ledger().releases).toEqual([]);
    // Past two hours: released, told, and handed to Claude.
    await clock.sleep(3_600_000 + 60_000);
    await sync(epic);
    const { entries, releases } = ledger();
    expect(releases.map((r) => [r.key, r.unpicked])).toEqual([[`acme/api#${child}:1`, true]]);
    expect(entries.map((e) => [e.key, e.agent])).toEqual([
      [`acme/api#${child}:1`, "jules"],
      [`acme/api#${child}:2`, "claude"],
    ]);
    const note = h.sandbox.comments("acme", "api", epic).find((c) => c.user.login === BOT && c.body.startsWith("⏳"));
    expect(note?.body).toContain(`jules opened no pull request for #${child} within 2 hours`);
    const labels = (h.sandbox.issue("acme", "api", child) as unknown as { labels: Array<{ name: string }> }).labels.map((l) => l.name);
    expect(labels).not.toContain("jules");
    expect(labels).toContain("factory:dispatched");
    // Claude works; CI passes, rita approves, Factory merges.
    await claude.work();
    await h.settle();
    const pull = claude.tasks.find((t) => t.issue === child)?.pull as number;
    const sha = h.sandbox.snapshot().pulls.find((p) => p.number === pull)?.headSha as string;
    h.sandbox.ci.complete({ owner: "acme", repo: "api", sha, name: "test", conclusion: "success" });
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull, event: "APPROVE" });
    await h.settle();
    expect((h.sandbox.issue("acme", "api", child) as { state: string }).state).toBe("closed");
    // Later syncs pay for nothing more.
    await clock.sleep(5 * 3_600_000);
    await sync(epic);
    expect(ledger().entries).toHaveLength(2);
    expect(ledger().releases).toHaveLength(1);
  });

  it("keeps a child the agent acknowledged (👀 on the issue) past pickupHours: it is at work, only slower", async () => {
    const { clock, jules, child, epic } = await handedToJules({ acknowledges: true });
    expect(h.sandbox.reactions("acme", "api", { issue: child }).map((r) => [r.user.login, r.content])).toEqual([["google-labs-jules[bot]", "eyes"]]);
    await clock.sleep(3 * 3_600_000);
    await sync(epic);
    expect(ledger().releases).toEqual([]);
    expect(ledger().entries.map((e) => e.agent)).toEqual(["jules"]);
    expect(h.sandbox.comments("acme", "api", epic).some((c) => c.body.startsWith("⏳"))).toBe(false);
    expect(h.sandbox.requests.entries.filter((e) => e.path === `/repos/acme/api/issues/${child}/reactions`).length).toBeGreaterThan(0);
    // Jules opens its pull request at last; nothing was handed to anyone else.
    await jules.work();
    await h.settle();
    expect(jules.tasks.find((t) => t.issue === child)?.state).toBe("open");
    expect(ledger().entries).toHaveLength(1);
  });
});

describe("a Jules session the vendor keeps queued", () => {
  it("is handed back after pickupHours when Jules, at its own limit of tasks at once, never started it; the one in progress is kept", async () => {
    // Factory is not told Jules's limit: the vendor queues the second session (one task at once on this plan).
    const org = ORG_CONFIG.replace("  - name: jules\n", "  - name: jules\n    apiKeyEnv: JULES_API_KEY\n");
    const story = await storyOnClock({ repoConfig: CONFIG, orgConfig: org, env: { JULES_API_KEY: "key-of-mona" } });
    h = story.h;
    const clock = story.clock;
    const jules = h.sandbox.addAgent({ preset: "jules", concurrency: 1 });
    h.sandbox.julesApi.addKey("key-of-mona", "mona");
    h.sandbox.addAgent({ preset: "claude" });
    const first = readyIssue(h, "handler leaks a file descriptor");
    const second = readyIssue(h, "parser drops a trailing newline");
    const epic = await epicDispatched(h);
    const state = async (issue: number) => {
      const session = h.sandbox.julesApi.sessions.find((s) => s.issue === issue);
      const response = await h.sandbox.julesApi.fetch(`https://jules.googleapis.com/v1alpha/${session?.name}`, { headers: { "X-Goog-Api-Key": "key-of-mona" } });
      return ((await response.json()) as { state: string }).state;
    };
    expect([await state(first), await state(second)]).toEqual(["IN_PROGRESS", "QUEUED"]);
    expect(jules.tasks).toHaveLength(1);

    await clock.sleep(2 * 3_600_000 + 60_000);
    await sync(epic);
    const { entries, releases } = ledger();
    expect(releases.map((r) => [r.key, r.unpicked])).toEqual([[`acme/api#${second}:1`, true]]);
    expect(entries.map((e) => [e.key, e.agent]).sort()).toEqual([
      [`acme/api#${first}:1`, "jules"],
      [`acme/api#${second}:1`, "jules"],
      [`acme/api#${second}:2`, "claude"],
    ]);
    // The queued session is the vendor's to drop; Factory starts no other and asks nothing twice.
    expect(h.sandbox.julesApi.sessions).toHaveLength(2);
    await clock.sleep(3 * 3_600_000);
    await sync(epic);
    expect(ledger().entries).toHaveLength(3);
    expect(jules.tasks.map((t) => t.issue)).toEqual([first]);
  });
});
