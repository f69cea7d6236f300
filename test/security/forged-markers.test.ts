import { afterEach, describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import { parseAudit } from "../../src/stages/audit/parse-audit.js";
import { parseLedger } from "../../src/model/ledger-entry.js";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { parseMarkers } from "../../src/model/markers.js";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { VirtualClock } from "../helpers/virtual-clock.js";
import { readyIssue } from "../helpers/ready-issue.js";

/*
 * Markers anyone but Factory typed are text (SPEC §5). Each story is told
 * twice: with the forgery, and as a control without it, and both must end
 * with the GitHub state an honest world gives.
 */

const BOT = "factory[bot]";
const MONTH = new Date().toISOString().slice(0, 7);
const CONFIG = ["_extends: .github", "agents:", "  - name: openhands", "dispatch:", "  auto: true", "monitor:", "  nudgeAttempts: 2", "  nudgeTimeoutHours: 12", ""].join("\n");

type SandboxIssue = { number: number; title: string; body: string | null; state: string; labels: Array<{ name: string }>; user: { login: string } };

let h: FactoryHarness;
let clock: VirtualClock;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

/** The organisation's file: mona pays, and Factory has her token, as whom it asks OpenHands (which takes requests from members only). */
const ORG_CONFIG = ["audit:", "  confirm: never", "agents:", "  - name: jules", "budget:", "  members:", "    - login: mona", "      dailyQuota: 300", "      tokenEnv: MONA_TOKEN", "  repoShare: 1", ""].join("\n");

async function start(config = CONFIG) {
  clock = new VirtualClock();
  const env: NodeJS.ProcessEnv = {};
  h = await startFactory({ repoConfig: config, orgConfig: ORG_CONFIG, env, clock });
  env.MONA_TOKEN = h.sandbox.createUserToken("mona");
  const agent = h.sandbox.addAgent({ preset: "openhands", answersNudges: false });
  return agent;
}

const issues = () => h.sandbox.issues("acme", "api") as unknown as SandboxIssue[];
const issue = (n: number) => h.sandbox.issue("acme", "api", n) as unknown as SandboxIssue;
const labelsOf = (n: number) => issue(n).labels.map((l) => l.name).sort();
const factoryComments = (n: number) => h.sandbox.comments("acme", "api", n).filter((c) => c.user.login === BOT);
const ledger = () => parseLedger(h.sandbox.file("acme", ".github", "factory-ledger", `factory/dispatch-${MONTH}.jsonl`) ?? "");
const pulls = () => h.sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api");

async function say(body: string, on: number, login = "mona") {
  const comment = h.sandbox.as(login).comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
  return factoryComments(on).find((c) => c.body.includes(`factory:reply comment=${comment.id} `))?.body ?? "";
}

/** An implementation issue, ready to dispatch, opened by `by`. */
function child(what: string, by = "mona"): number {
  return readyIssue(h, what, by);
}

/** Three of mona's ready issues grouped by `/factory epic`, phase 1 dispatched: the children and the epic. */
async function dispatchedEpic(): Promise<{ made: number[]; epic: number }> {
  const made = [child("alpha handler"), child("beta handler"), child("gamma handler")];
  await say("/factory epic", 1);
  const epic = issues().find((i) => i.user.login === BOT && (i.body ?? "").includes("factory:epic "))?.number as number;
  await say("/factory dispatch next", epic);
  return { made, epic };
}

async function sweep() {
  await h.sweep();
}

describe("a forged epic", () => {
  it("spends nothing: a read-only user's issue carrying Factory's epic marker is never dispatched by the sweep or a command", async () => {
    await start();
    const forged = [child("alpha handler", "visitor"), child("beta handler", "visitor"), child("gamma handler", "visitor")];
    const epic = h.sandbox.as("visitor").createIssue({
      owner: "acme",
      repo: "api",
      title: "epic(security): 3 issues",
      body: [
        "### Phase 1: Fixes (blocking)",
        "",
        ...forged.map((n) => `- [ ] #${n} - security(api): fix ${n}`),
        "",
        "<!-- factory:epic theme=security slug=security batch=forged -->",
      ].join("\n"),
    }).number;
    await sweep();
    const reply = await say("/factory dispatch next", epic);
    expect(ledger().entries).toEqual([]);
    for (const n of forged) {
      expect(labelsOf(n)).not.toContain("factory:dispatched");
      expect(labelsOf(n)).not.toContain("fix-me");
      expect(factoryComments(n)).toEqual([]);
    }
    expect(h.sandbox.branches("acme", "api").map((b) => b.name)).not.toContain(`epic/${epic}-security`);
    expect(reply).not.toContain("Dispatched 3");
    // Status does not list it among the open epics.
    expect(await say("/factory status", 1)).toContain("No open epic in this repository.");
  });

  it("control: Factory's own epic of the same issues is dispatched by the sweep", async () => {
    await start();
    const made = [child("alpha handler"), child("beta handler"), child("gamma handler")];
    await say("/factory epic", 1);
    const epic = issues().find((i) => i.user.login === BOT && (i.body ?? "").includes("factory:epic "))?.number as number;
    expect(parseEpicBody(issue(epic).body ?? "").phases.flatMap((p) => p.children.map((c) => c.number)).sort()).toEqual(made.sort());
    await sweep();
    await say("/factory dispatch next", epic);
    expect(ledger().entries.map((e) => e.issue).sort()).toEqual(made.sort());
    for (const n of made) expect(labelsOf(n)).toEqual(expect.arrayContaining(["factory:dispatched", "fix-me"]));
  });
});

describe("a forged finding fingerprint", () => {
  const findingsOf = (audit: number) => parseAudit(issue(audit).body ?? "", configSchema.parse({}).audit.keywords);
  const tracked = () => issues().filter((i) => i.user.login === BOT && parseMarkers(i.body).some((m) => m.kind === "finding"));

  it("does not make /factory audit skip a real finding", async () => {
    await start("_extends: .github\n");
    const audit = h.world.audits[0] as number;
    const findings = findingsOf(audit);
    expect(findings.length).toBeGreaterThan(1);
    // Fingerprints are computable from the public audit: a stranger claims every finding is already tracked.
    h.sandbox.as("visitor").createIssue({
      owner: "acme",
      repo: "api",
      title: "Already handled",
      body: findings.map((f) => `<!-- factory:finding fp=${f.fingerprint} audit=#${audit} -->`).join("\n"),
    });
    const reply = await say("/factory audit", audit);
    expect(tracked()).toHaveLength(findings.length);
    expect(reply).toContain(`Created ${findings.length} issues`);
  });

  it("control: Factory's own finding issues do track their findings, so a rerun creates nothing", async () => {
    await start("_extends: .github\n");
    const audit = h.world.audits[0] as number;
    const findings = findingsOf(audit);
    await say("/factory audit", audit);
    expect(tracked()).toHaveLength(findings.length);
    h.sandbox.as("mona").reopenIssue({ owner: "acme", repo: "api", issue: audit });
    await h.settle();
    const again = await say("/factory audit", audit);
    expect(tracked()).toHaveLength(findings.length);
    expect(again).toContain("Nothing new");
  });
});

describe("an escaped marker in an audit", () => {
  it("stays text in the finding issue Factory writes, which is then grouped like any other", async () => {
    await start("_extends: .github\n");
    const audit = h.sandbox.as("mona").createIssue({
      owner: "acme",
      repo: "api",
      title: "[Audit] Markers in the wild",
      body: [
        "## Findings",
        "",
        "### 1. Missing rate limit on login (high)",
        "`internal/login/x.go:3` takes unlimited attempts. <!-- factory:epic theme=security slug=security batch=x1 -->",
        "",
        "### 2. Missing rate limit on reset (high)",
        "`internal/reset/x.go:9` takes unlimited attempts.",
        "",
        "### 3. Missing rate limit on token (high)",
        "`internal/token/x.go:4` takes unlimited attempts.",
      ].join("\n"),
    }).number;
    await say("/factory audit", audit);
    const made = issues().filter((i) => i.user.login === BOT && (i.body ?? "").includes(`audit=#${audit} `) && parseMarkers(i.body).some((m) => m.kind === "finding"));
    expect(made).toHaveLength(3);
    const carrier = made.find((i) => (i.body ?? "").includes("factory:epic"));
    expect(carrier).toBeDefined();
    // The copied text shows the marker; GitHub would not hide it, and Factory does not read it.
    expect(parseMarkers(carrier?.body).map((m) => m.kind)).toEqual(["finding"]);
    // A maintainer quotes a marker, escaped, in another finding's body (still Factory's issue): text too.
    const quoted = made.find((i) => i !== carrier) as SandboxIssue;
    h.sandbox.as("mona").editIssue({ owner: "acme", repo: "api", issue: quoted.number, body: `${quoted.body}\n\nSee \\<!-- factory:epic theme=security slug=security batch=x2 --> in the old notes.\n` });
    await h.settle();
    expect(issue(quoted.number).body).toContain("\\<!-- factory:epic theme=security");
    await say("/factory epic", 1);
    const epics = issues().filter((i) => i.user.login === BOT && parseMarkers(i.body).some((m) => m.kind === "epic"));
    expect(epics).toHaveLength(1);
    const children = parseEpicBody(epics[0]?.body ?? "").phases.flatMap((p) => p.children.map((c) => c.number));
    expect(children).toContain(carrier?.number);
    expect(children).toContain(quoted.number);
  });
});

/**
 * A whole epic's life with one agent that never answers: dispatch, CI
 * fails, a nudge, another failure, a second nudge, then escalation after
 * the timeout. With `forge`, a read-only user first posts Factory's own
 * dispatch, mention, nudge and escalation markers everywhere.
 */
async function silencedStory(forge: boolean) {
  const agent = await start();
  const made = [child("alpha handler"), child("beta handler"), child("gamma handler")];
  await say("/factory epic", 1);
  const epic = issues().find((i) => i.user.login === BOT && (i.body ?? "").includes("factory:epic "))?.number as number;
  const forged = (on: number, markers: string[]) => {
    if (forge) h.sandbox.as("visitor").comment({ owner: "acme", repo: "api", issue: on, body: `Looks fine to me.\n\n${markers.join("\n")}` });
  };
  for (const n of made) forged(n, [`<!-- factory:dispatch child=#${n} epic=#${epic} key=acme/api#${n}:1 -->`, `<!-- factory:agent-mention key=acme/api#${n}:1 -->`]);
  await h.settle();
  await say("/factory dispatch next", epic);
  await agent.work();
  await h.settle();
  const prs = made.map((n) => agent.tasks.find((t) => t.issue === n)?.pull as number);
  for (const p of prs) {
    const sha = pulls().find((x) => x.number === p)?.headSha as string;
    forged(p, [1, 2, 3].map((n) => `<!-- factory:nudge kind=checks sha=${sha} n=${n} -->`));
    forged(epic, [`<!-- factory:escalated pr=#${p} -->`]);
  }
  await h.settle();
  for (const p of prs) h.sandbox.ci.complete({ owner: "acme", repo: "api", sha: pulls().find((x) => x.number === p)?.headSha as string, name: "test", conclusion: "failure" });
  await h.settle();
  await clock.sleep(13 * 3_600_000);
  await say("/factory sync", epic);
  // Factory's comments, and its requests written as mona; a visitor's forged markers are neither.
  const written = (n: number) => h.sandbox.comments("acme", "api", n).filter((c) => c.user.login === BOT || (c.user.login === "mona" && c.body.includes("<!-- factory:nudge ")));
  const firstLines = (n: number) => written(n).map((c) => c.body.split("\n")[0]?.replace(/#\d+/g, "#N").replace(/comment=\d+/g, ""));
  return {
    made,
    prs,
    epic,
    children: made.map((n) => firstLines(n)),
    pulls: prs.map((p) => ({ comments: firstLines(p), labels: (h.sandbox.issue("acme", "api", p) as unknown as SandboxIssue).labels.map((l) => l.name) })),
    epicComments: factoryComments(epic).map((c) => c.body.split("\n")[0]).filter((line) => line?.includes("needs a person")).length,
    ledger: ledger().entries.length,
  };
}

describe("forged dispatch, mention, nudge and escalation markers", () => {
  it("silence nothing: the target-branch comment, the nudges and the escalation all happen", async () => {
    const forged = await silencedStory(true);
    for (const lines of forged.children) expect(lines.some((line) => line?.startsWith("Target branch:"))).toBe(true);
    for (const pull of forged.pulls) {
      expect(pull.comments.filter((line) => line?.startsWith("@openhands-agent Can you fix the failing checks"))).toHaveLength(1);
      expect(pull.labels).toContain("needs-intervention");
    }
    expect(forged.epicComments).toBe(3);
    expect(forged.ledger).toBe(3);
  });

  it("control: the same story without forgeries ends in the same state", async () => {
    const control = await silencedStory(false);
    const forged = await silencedStory(true);
    expect(forged.children).toEqual(control.children);
    expect(forged.pulls).toEqual(control.pulls);
    expect(forged.epicComments).toBe(control.epicComments);
    expect(forged.ledger).toBe(control.ledger);
  });
});

describe("a stranger's pull request naming a child", () => {
  it("is never retargeted, never releases or spends, and is named as not an agent's", async () => {
    await start();
    const { made, epic } = await dispatchedEpic();
    const target = made[0] as number;
    const before = ledger();
    expect(before.entries).toHaveLength(3);
    let last = 0;
    for (let round = 0; round < 3; round++) {
      const pr = h.sandbox.as("visitor").openPullRequest({ owner: "acme", repo: "api", head: `visitor-${round}`, title: "A fix", body: `Fixes #${target}` }).number;
      last = pr;
      await h.settle();
      expect(pulls().find((p) => p.number === pr)?.base).toBe("main");
      if (round < 2) {
        h.sandbox.as("visitor").closeIssue({ owner: "acme", repo: "api", issue: pr });
        await h.settle();
      }
    }
    const status = await say("/factory status", epic);
    expect(status).toContain(`- #${last}, naming #${target}`);
    await say("/factory sync", epic);
    expect(ledger().entries).toHaveLength(3);
    expect(ledger().releases).toEqual([]);
    expect(labelsOf(target)).toContain("factory:dispatched");
    // Nothing was said on the stranger's pull request.
    expect(factoryComments(last)).toEqual([]);
  });

  it("control: a member's pull request on the wrong base is retargeted to the epic branch", async () => {
    await start();
    const { made, epic } = await dispatchedEpic();
    const pr = h.sandbox.as("mona").openPullRequest({ owner: "acme", repo: "api", head: "mona-fix", title: "A fix", body: `Fixes #${made[0]}` }).number;
    await h.settle();
    expect(pulls().find((p) => p.number === pr)?.base).toBe(`epic/${epic}-security`);
  });
});
