import { afterEach, describe, expect, it } from "vitest";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";

/*
 * An agent's plan limits the tasks it has at once (Jules: 3 on the free
 * plan). With `concurrency: 3`, a phase of eight children goes out in waves:
 * three at first, the others named as waiting for capacity, then one more
 * each time a child is merged — never more than three in flight — until all
 * eight are merged, each paid for once. The repository's dashboard lists the
 * children waiting while some do — and reads nothing for it when no agent has
 * a concurrency.
 */

const BOT = "factory[bot]";
const CONFIG = ["_extends: .github", "epics:", "  minChildren: 1", "dispatch:", "  auto: true", ""].join("\n");
const ORG_CONFIG = ["agents:", "  - name: jules", "    concurrency: 3", "budget:", "  members:", "    - login: mona", "      dailyQuota: 50", "      tokenEnv: MONA_TOKEN", "  repoShare: 1", ""].join("\n");

let h: FactoryHarness;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

type Issue = { number: number; state: string; body: string | null; labels: Array<{ name: string }>; pull_request?: unknown };
const issues = () => (h.sandbox.issues("acme", "api") as unknown as Issue[]).filter((issue) => !issue.pull_request);
const pulls = () => h.sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api");
const dashboard = () => issues().find((issue) => (issue.body ?? "").includes("<!-- factory:dashboard -->"))?.body ?? "";
const WAITING = "## ⏳ Waiting for an agent's capacity";
/** The dashboard's lines under its waiting-for-capacity section (none when the section is absent). */
const waitingLines = () => {
  const body = dashboard();
  const start = body.indexOf(WAITING);
  if (start < 0) return [];
  const section = body.slice(start + WAITING.length);
  return section.slice(0, section.indexOf("\n## ")).split("\n").filter((line) => line.startsWith("- "));
};

/** The same limit set on the member who pays, through her plan (`jules-free`: 15 tasks a day, 3 at once). */
const MEMBER_PLAN = ["agents:", "  - name: jules", "budget:", "  members:", "    - login: mona", "      plan: jules-free", "      tokenEnv: MONA_TOKEN", "  repoShare: 1", ""].join("\n");

describe("an agent with a concurrency of 3", () => {
  it.each([
    ["the agent's concurrency", ORG_CONFIG, "jules"],
    ["the paying member's plan", MEMBER_PLAN, "mona"],
  ])("takes a phase of 8 children in waves under %s: never more than 3 in flight, the rest named as waiting, all 8 merged and paid once", async (_name, orgConfig, busy) => {
    const env: NodeJS.ProcessEnv = {};
    h = await startFactory({ repoConfig: CONFIG, orgConfig, env, dashboards: true });
    env.MONA_TOKEN = h.sandbox.createUserToken("mona");
    h.sandbox.createUser("rita");
    h.sandbox.addCollaborator({ owner: "acme", repo: "api", login: "rita", permission: "write" });
    const jules = h.sandbox.addAgent({ preset: "jules" });
    const made = Array.from({ length: 8 }, (_, i) =>
      h.sandbox.as("mona").createIssue({
        owner: "acme",
        repo: "api",
        title: `quality(api): handler ${i + 1} leaks a file descriptor`,
        body: `- \`internal/h${i + 1}/x.go:1\`\n\n## Acceptance criteria\n\n- [ ] it works\n`,
        labels: ["type:quality", "severity:medium"],
      }).number,
    );
    h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
    await h.settle();
    const epic = issues().find((issue) => (issue.body ?? "").includes("factory:epic "))?.number as number;
    const command = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: "/factory dispatch next" });
    await h.settle();
    const reply = h.sandbox.comments("acme", "api", epic).find((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${command.id} `))?.body ?? "";
    expect(reply).toContain("Dispatched 3 issues:");
    expect(reply.match(new RegExp(`waiting for capacity: ${busy} has 3 of 3 children in flight`, "g"))).toHaveLength(5);
    // The dashboard lists exactly the five that were not sent, each with the plan's reason.
    const sent = issues().filter((issue) => made.includes(issue.number) && issue.labels.some((l) => l.name === "factory:dispatched")).map((issue) => issue.number);
    expect(sent).toHaveLength(3);
    const notSent = made.filter((n) => !sent.includes(n));
    expect(waitingLines()).toEqual(
      notSent.map((n) => `- #${n} quality(api): handler ${made.indexOf(n) + 1} leaks a file descriptor (epic #${epic}): waiting for capacity: ${busy} has 3 of 3 children in flight; it goes out as one finishes`),
    );
    // `budget --plan` names the same five as waiting for capacity, not as skipped.
    const ask = h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: "/factory budget --plan" });
    await h.settle();
    const planned = h.sandbox.comments("acme", "api", epic).find((c) => c.user.login === BOT && c.body.includes(`factory:reply comment=${ask.id} `))?.body ?? "";
    const waitingLine = planned.split("\n").find((line) => line.startsWith(`- #${epic}: `)) ?? "";
    expect(waitingLine).toMatch(/^- #\d+: nothing \(skipping #\d+, #\d+, #\d+; waiting for an agent's capacity: #\d+, #\d+, #\d+, #\d+, #\d+\)$/);

    const inFlight = () => issues().filter((issue) => made.includes(issue.number) && issue.state === "open" && issue.labels.some((l) => l.name === "factory:dispatched")).length;
    let most = 0;
    for (let round = 0; round < 20 && issues().some((issue) => made.includes(issue.number) && issue.state === "open"); round++) {
      most = Math.max(most, inFlight());
      await jules.work();
      await h.settle();
      most = Math.max(most, inFlight());
      // CI passes on every open pull request and rita approves it; Factory merges them one at a time.
      for (const pull of pulls().filter((p) => !p.merged)) {
        if (!h.sandbox.snapshot().checkRuns.some((r) => r.headSha === pull.headSha && r.name === "test")) h.sandbox.ci.complete({ owner: "acme", repo: "api", sha: pull.headSha, name: "test", conclusion: "success" });
        if (!pull.reviews.includes("rita:APPROVED")) h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull: pull.number, event: "APPROVE" });
      }
      await h.settle();
      most = Math.max(most, inFlight());
    }
    expect(most).toBe(3);
    // Nothing waits any more: the section is gone.
    expect(dashboard()).toContain("<!-- factory:dashboard -->");
    expect(dashboard()).not.toContain(WAITING);
    expect(made.map((n) => (h.sandbox.issue("acme", "api", n) as unknown as Issue).state)).toEqual(made.map(() => "closed"));
    expect(pulls().filter((p) => p.base.startsWith(`epic/${epic}-`) && p.merged)).toHaveLength(8);
    const ledger = (h.sandbox.file("acme", ".github", "factory-ledger", `factory/dispatch-${new Date().toISOString().slice(0, 7)}.jsonl`) ?? "").split("\n").filter(Boolean);
    expect(ledger.map((line) => (JSON.parse(line) as { issue: number }).issue).sort((a, b) => a - b)).toEqual([...made].sort((a, b) => a - b));
  });

  it("costs the dashboard no request when no agent has a concurrency, and its reads when one has", async () => {
    const reads = async (orgConfig: string) => {
      const env: NodeJS.ProcessEnv = {};
      h = await startFactory({ repoConfig: CONFIG, orgConfig, env, dashboards: true });
      env.MONA_TOKEN = h.sandbox.createUserToken("mona");
      h.sandbox.addAgent({ preset: "jules" });
      for (let i = 1; i <= 4; i++) {
        h.sandbox.as("mona").createIssue({ owner: "acme", repo: "api", title: `quality(api): handler ${i} leaks a file descriptor`, body: `- \`internal/h${i}/x.go:1\`\n\n## Acceptance criteria\n\n- [ ] it works\n`, labels: ["type:quality", "severity:medium"] });
      }
      h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: 1, body: "/factory epic" });
      await h.settle();
      const epic = issues().find((issue) => (issue.body ?? "").includes("factory:epic "))?.number as number;
      // An event whose only read of the epic's children is the dashboard's update after it.
      h.sandbox.requests.reset();
      h.sandbox.as("mona").comment({ owner: "acme", repo: "api", issue: epic, body: "/factory help" });
      await h.settle();
      expect(dashboard()).toContain("<!-- factory:dashboard -->");
      return h.sandbox.requests.rest.get("GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by") ?? 0;
    };
    expect(await reads(ORG_CONFIG.replace("    concurrency: 3\n", ""))).toBe(0);
    expect(h.sandbox.violations).toEqual([]);
    // The same with a concurrency: the dashboard plans the epic, reading each child's dependencies. Nothing is in
    // flight, so the fourth child waits only behind the three `dispatch next` would send first: it is not listed.
    expect(await reads(ORG_CONFIG)).toBe(4);
    expect(dashboard()).not.toContain(WAITING);
  });
});
