import { afterEach, describe, expect, it } from "vitest";
import { parseLedger } from "../../src/model/ledger-entry.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { readyIssue } from "../helpers/ready-issue.js";

/*
 * Jules through its own API (https://jules.google/docs/api/reference/sessions):
 * with `apiKeyEnv` on the agent, a child is handed over as a session that
 * starts from the epic branch and opens its pull request by itself — no
 * label, no member token, no retargeting — and the fix request goes into
 * the session, with Factory's comment recording it on the pull request.
 */

const BOT = "factory[bot]";
const CONFIG = "_extends: .github\nepics:\n  minChildren: 1\n";
const ORG_CONFIG = ["agents:", "  - name: jules", "    apiKeyEnv: JULES_API_KEY", "budget:", "  members:", "    - login: mona", "      dailyQuota: 50", "  repoShare: 1", ""].join("\n");

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const at = { owner: "acme", repo: "api" } as const;
const pullOf = (n: number) => h.sandbox.snapshot().pulls.find((p) => p.repo === "acme/api" && p.number === n);
const comments = (n: number) => h.sandbox.comments("acme", "api", n);
const ledger = () => parseLedger(h.sandbox.file("acme", ".github", "factory-ledger", `factory/dispatch-${new Date().toISOString().slice(0, 7)}.jsonl`) ?? "");

async function say(body: string, on: number): Promise<string> {
  const comment = h.sandbox.as("mona").comment({ ...at, issue: on, body });
  await h.settle();
  return comments(on).find((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${comment.id} `))?.body ?? "";
}

async function start(env: NodeJS.ProcessEnv) {
  h = await startFactory({ repoConfig: CONFIG, orgConfig: ORG_CONFIG, env });
  h.sandbox.createUser("rita");
  h.sandbox.addCollaborator({ ...at, login: "rita", permission: "write" });
  const jules = h.sandbox.addAgent({ preset: "jules" });
  h.sandbox.julesApi.addKey("jules-key-of-mona", "mona");
  const child = readyIssue(h, "handler leaks a file descriptor");
  await say("/factory epic", 1);
  const epic = h.sandbox.issues("acme", "api").find((issue) => (issue.body ?? "").includes("factory:epic "))?.number as number;
  const answer = await say("/factory dispatch next", epic);
  return { jules, child, epic, answer };
}

describe("Jules through its API", () => {
  it("starts a session from the epic branch, sends the fix request into it, and the pull request merges; no member token anywhere", async () => {
    const { jules, child, epic, answer } = await start({ JULES_API_KEY: "jules-key-of-mona" });
    expect(answer).toContain(`#${child}`);
    expect(answer).not.toContain("nothing paid");
    const [session] = h.sandbox.julesApi.sessions;
    expect(h.sandbox.julesApi.sessions).toHaveLength(1);
    const branch = session?.sourceContext?.githubRepoContext?.startingBranch as string;
    expect(branch.startsWith(`epic/${epic}-`)).toBe(true);
    expect(session).toMatchObject({ owner: "mona", issue: child, sourceContext: { source: "sources/github/acme/api" } });
    expect(session?.title?.startsWith(`acme/api#${child}:1 `)).toBe(true);
    // No label trigger: the session is the hand-over. The dispatch comment and label are Factory's as usual.
    const labels = (h.sandbox.issue("acme", "api", child) as unknown as { labels: Array<{ name: string }> }).labels.map((l) => l.name);
    expect(labels).toContain("factory:dispatched");
    expect(labels).not.toContain("jules");
    expect(ledger().entries.map((e) => [e.issue, e.agent, e.member])).toEqual([[child, "jules", "mona"]]);

    await jules.work();
    await h.settle();
    const pull = jules.tasks.find((t) => t.issue === child)?.pull as number;
    expect(pullOf(pull)?.base).toBe(branch);
    expect((h.sandbox.pull("acme", "api", pull) as unknown as { user: { login: string }; body: string }).user.login).toBe("google-labs-jules[bot]");
    expect(h.sandbox.requests.entries.filter((e) => e.method === "PATCH" && e.path === `/repos/acme/api/pulls/${pull}`), "opened on the epic branch").toEqual([]);

    h.sandbox.ci.complete({ ...at, sha: pullOf(pull)?.headSha as string, name: "test", conclusion: "failure" });
    await h.settle();
    const sent = h.sandbox.julesApi.requests.filter((r) => r.method === "POST" && r.path.endsWith(":sendMessage"));
    expect(sent.map((r) => r.status)).toEqual([200]);
    const recorded = comments(pull).filter((c) => c.body.includes("Can you fix the failing checks"));
    expect(recorded.map((c) => [c.user.login, c.body.split("\n")[0]])).toEqual([[BOT, "Asked **jules** in its session: Can you fix the failing checks: `test`?"]]);

    await jules.work();
    await h.settle();
    expect(jules.nudges.map((n) => n.state)).toEqual(["answered"]);
    h.sandbox.ci.complete({ ...at, sha: pullOf(pull)?.headSha as string, name: "test", conclusion: "success" });
    h.sandbox.as("rita").review({ ...at, pull, event: "APPROVE" });
    await h.settle();
    expect(pullOf(pull)?.merged).toBe(true);
    expect((h.sandbox.issue("acme", "api", child) as { state: string }).state).toBe("closed");
    // One session, one message, one ledger line: the second pass saw its own record and asked nothing twice.
    expect(h.sandbox.julesApi.sessions).toHaveLength(1);
    expect(h.sandbox.julesApi.requests.filter((r) => r.path.endsWith(":sendMessage"))).toHaveLength(1);
    expect(ledger().entries).toHaveLength(1);
  });

  it("without the key in Factory's environment: says what to set up and pays nothing", async () => {
    const { jules, child, answer } = await start({});
    expect(answer).toContain(`not handed to jules, nothing paid:`);
    expect(h.sandbox.julesApi.sessions).toEqual([]);
    expect(jules.tasks).toEqual([]);
    expect(ledger().entries).toEqual([]);
    expect(answer).toContain(`#${child}`);
  });
});
