import { afterEach, describe, expect, it } from "vitest";
import type { AgentActor } from "@factory/sandbox";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { readyIssue } from "../helpers/ready-issue.js";

/*
 * Each vendor's agent as its documentation describes it (the sandbox's
 * presets), on github.com's rules: dispatched by `/factory dispatch next`,
 * its pull request's CI fails once, Factory asks it for a fix the way it
 * acts on — in its own syntax, written as a member where it ignores apps —
 * it answers, CI passes, a reviewer approves and Factory merges. Without a
 * member token Factory says why on the issue instead of spending on an
 * agent that would never see the hand-over, or a request it would never
 * read.
 */

const BOT = "factory[bot]";
const VENDORS = ["copilot", "jules", "claude", "openhands", "codex"] as const;
type Vendor = (typeof VENDORS)[number];
const CONFIG = "_extends: .github\nepics:\n  minChildren: 1\n";

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const pulls = () => h.sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api");
const comments = (n: number) => h.sandbox.comments("acme", "api", n);

/** The organisation's file: one agent, mona pays, with her token when `token` is on. */
function orgConfig(vendor: Vendor, token: boolean): string {
  return ["agents:", `  - name: ${vendor}`, "budget:", "  members:", "    - login: mona", "      dailyQuota: 50", ...(token ? ["      tokenEnv: MONA_TOKEN"] : []), "  repoShare: 1", ""].join("\n");
}

async function start(vendor: Vendor, token: boolean): Promise<{ agent: AgentActor; epic: number; child: number; dispatchAnswer: string }> {
  const env: NodeJS.ProcessEnv = {};
  h = await startFactory({ repoConfig: CONFIG, orgConfig: orgConfig(vendor, token), env });
  if (token) env.MONA_TOKEN = h.sandbox.createUserToken("mona");
  h.sandbox.createUser("rita");
  h.sandbox.addCollaborator({ owner: "acme", repo: "api", login: "rita", permission: "write" });
  const agent = h.sandbox.addAgent({ preset: vendor });
  const child = readyIssue(h, "handler leaks a file descriptor");
  await say("/factory epic", 1);
  const epic = h.sandbox.issues("acme", "api").find((issue) => (issue.body ?? "").includes("factory:epic "))?.number as number;
  const dispatchAnswer = await say("/factory dispatch next", epic);
  return { agent, epic, child, dispatchAnswer };
}

async function say(body: string, on: number): Promise<string> {
  const comment = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
  return comments(on).find((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${comment.id} `))?.body ?? "";
}

function ci(pull: number, conclusion: "success" | "failure"): void {
  const sha = pulls().find((p) => p.number === pull)?.headSha as string;
  h.sandbox.ci.complete({ owner: "acme", repo: "api", sha, name: "test", conclusion });
}

const MENTION: Record<Vendor, string> = { copilot: "@copilot", jules: "@jules", claude: "@claude", openhands: "@openhands-agent", codex: "@codex" };

describe.each(VENDORS)("%s, as its vendor documents it", (vendor) => {
  it("goes from dispatch to a merged pull request, with one fix request it acts on", async () => {
    const { agent, epic, child, dispatchAnswer } = await start(vendor, true);
    expect(dispatchAnswer).toContain(`#${child}`);
    const branch = `epic/${epic}-`;
    await agent.work();
    await h.settle();
    const task = agent.tasks.find((t) => t.issue === child);
    expect(task?.state, `${vendor} took the hand-over`).toBe("open");
    const pull = task?.pull as number;
    // Copilot starts from the epic branch its REST assignment named, as mona; the others from the branch Factory's comment named.
    expect(pulls().find((p) => p.number === pull)?.base.startsWith(branch)).toBe(true);
    const retargets = h.sandbox.requests.entries.filter((e) => e.method === "PATCH" && e.path === `/repos/acme/api/pulls/${pull}`);
    expect(retargets, "opened on the epic branch, so never retargeted").toEqual([]);
    if (vendor === "copilot") {
      const assigned = h.sandbox.requests.entries.filter((e) => e.method === "POST" && e.path === `/repos/acme/api/issues/${child}/assignees`);
      expect(assigned.map((e) => e.actor)).toEqual(["mona"]);
    }
    ci(pull, "failure");
    await h.settle();
    const request = comments(pull).find((c) => c.body.includes("Can you fix the failing checks"));
    expect(request?.user.login, "the request is written as the member").toBe("mona");
    expect(request?.body.startsWith(`${MENTION[vendor]} Can you fix the failing checks`)).toBe(true);
    await agent.work();
    await h.settle();
    expect(agent.nudges.map((n) => n.state)).toEqual(["answered"]);
    ci(pull, "success");
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull, event: "APPROVE" });
    await h.settle();
    expect(pulls().find((p) => p.number === pull)?.merged).toBe(true);
    expect((h.sandbox.issue("acme", "api", child) as { state: string }).state).toBe("closed");
    // The request counted once: no second one for the same head, and no escalation.
    expect(comments(pull).filter((c) => c.body.includes("Can you fix")).length).toBe(1);
    expect(comments(epic).some((c) => c.body.includes("needs a person"))).toBe(false);
  });

  it("without a member token: says why on the issue, and spends nothing on a hand-over or a request the agent would never see", async () => {
    const { agent, epic, child, dispatchAnswer } = await start(vendor, false);
    const ledger = () => h.sandbox.file("acme", ".github", "factory-ledger", `factory/dispatch-${new Date().toISOString().slice(0, 7)}.jsonl`) ?? "";
    if (vendor !== "openhands") {
      // The agent ignores what apps do: nothing is handed over or paid, and the answer says what to set up.
      expect(dispatchAnswer).toContain(`not handed to ${vendor}, nothing paid:`);
      expect(dispatchAnswer).toContain("tokenEnv");
      expect(ledger()).toBe("");
      expect(agent.tasks).toEqual([]);
      return;
    }
    // OpenHands' label checks nobody: the app hands the issue over; its requests need a member, so a failing check goes to a person at once.
    expect(ledger()).toContain(`"issue":${child}`);
    await agent.work();
    await h.settle();
    const pull = agent.tasks.find((t) => t.issue === child)?.pull as number;
    ci(pull, "failure");
    await h.settle();
    expect(comments(pull).filter((c) => c.body.includes("Can you fix"))).toEqual([]);
    const escalation = comments(epic).find((c) => c.user.login === BOT && c.body.includes("needs a person"))?.body ?? "";
    expect(escalation).toContain("openhands acts only on requests from a person, and Factory has no member to write as");
    expect(h.sandbox.issue("acme", "api", pull)).toMatchObject({ labels: expect.arrayContaining([expect.objectContaining({ name: "needs-intervention" })]) });
  });
});
