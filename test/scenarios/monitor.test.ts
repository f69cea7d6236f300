import { afterEach, describe, expect, it } from "vitest";
import { parseEpicBody } from "../../src/model/parse-epic-body.js";
import { Sandbox, type AgentActor } from "@factory/sandbox";
import { startFactory, type FactoryHarness } from "../helpers/factory-harness.js";
import { VirtualClock } from "../helpers/virtual-clock.js";

const BOT = "factory[bot]";
const CONFIG = ["_extends: .github", "dispatch:", "  auto: true", "monitor:", "  nudgeAttempts: 2", "  nudgeTimeoutHours: 12", ""].join("\n");
/** The organisation's file: members, their tokens and the agents are read only from there. */
const ORG_CONFIG = [
  "agents:",
  "  - name: jules",
  "    issueTypes: [security, quality, performance, docs]",
  "  - name: openhands",
  "    issueTypes: [testing]",
  "budget:",
  "  members:",
  "    - login: mona",
  "      dailyQuota: 50",
  "      tokenEnv: MONA_TOKEN",
  "  repoShare: 1",
  "",
].join("\n");

type SandboxIssue = { number: number; title: string; body: string | null; state: string; state_reason: string | null; labels: Array<{ name: string }> };

let h: FactoryHarness;
let clock: VirtualClock;
afterEach(() => {
  expect(h.sandbox.violations).toEqual([]);
});

const issue = (n: number) => h.sandbox.issue("acme", "api", n) as unknown as SandboxIssue;
const labelsOf = (n: number) => issue(n).labels.map((l) => l.name);
const factoryComments = (n: number) => h.sandbox.comments("acme", "api", n).filter((c) => c.user.login === BOT);
/** Factory's requests on a pull request: written as mona (the budget's member with a token), in the agent's syntax. */
const requests = (n: number) => h.sandbox.comments("acme", "api", n).filter((c) => c.user.login === "mona" && c.body.includes("<!-- factory:nudge "));
const pulls = () => h.sandbox.snapshot().pulls.filter((p) => p.repo === "acme/api");
const pullFor = (agent: AgentActor, child: number) => agent.tasks.find((t) => t.issue === child)?.pull as number;

/** How GitHub delivers the story's webhooks. */
interface Delivery {
  /** Every delivery twice, with the same delivery id. */
  twice?: boolean;
  /** Shuffle each batch of deliveries with this seed. */
  shuffleSeed?: number;
  /** Keep the dashboard issue up to date. */
  dashboards?: boolean;
  /** GitHub's clock is Factory's virtual one (so a test can let minutes pass between two events). */
  sharedClock?: boolean;
}

async function start(delivery: Delivery = {}): Promise<{ jules: AgentActor; openhands: AgentActor }> {
  clock = new VirtualClock();
  const env: NodeJS.ProcessEnv = {};
  const sandbox = delivery.sharedClock ? new Sandbox({ now: clock.now, profile: "production", mergeabilityDelayMs: 0 }) : undefined;
  h = await startFactory({ repoConfig: CONFIG, orgConfig: ORG_CONFIG, env, clock, dashboards: delivery.dashboards ?? false, ...(sandbox ? { sandbox } : {}) });
  if (delivery.twice) h.sandbox.webhooks.duplicateNext(1_000_000);
  if (delivery.shuffleSeed !== undefined) h.sandbox.webhooks.reorder(true, delivery.shuffleSeed);
  env.MONA_TOKEN = h.sandbox.createUserToken("mona");
  h.sandbox.createUser("rita");
  h.sandbox.addCollaborator({ owner: "acme", repo: "api", login: "rita", permission: "write" });
  const jules = h.sandbox.addAgent({ preset: "jules" });
  const openhands = h.sandbox.addAgent({ preset: "openhands", answersNudges: false });
  return { jules, openhands };
}

function child(params: { type?: string; what: string; severity?: string; labels?: string[] }): number {
  const type = params.type ?? "quality";
  return h.sandbox.as("mona").createIssue({
    owner: "acme",
    repo: "api",
    title: `${type}(api): ${params.what}`,
    body: `- \`internal/${params.what.split(" ")[0]}/x.go:1\`\n\n## Acceptance criteria\n\n- [ ] it works\n`,
    labels: [`type:${type}`, `severity:${params.severity ?? "medium"}`, ...(params.labels ?? [])],
  }).number;
}

/** Three quality children in one epic, phase 1 dispatched and each given a pull request by jules. */
async function threeChildrenAtWork(jules: AgentActor): Promise<{ made: number[]; epic: number }> {
  const made = [child({ what: "one handler" }), child({ what: "two handler" }), child({ what: "three handler" })];
  await say("/factory epic", 1);
  const epic = (h.sandbox.issues("acme", "api") as unknown as SandboxIssue[]).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
  await say("/factory dispatch next", epic);
  await work(jules);
  return { made, epic };
}

async function say(body: string, on: number, login = "mona") {
  const comment = h.sandbox.as(login).comment({ owner: "acme", repo: "api", issue: on, body });
  await h.settle();
  return factoryComments(on).find((c) => c.body.includes(`factory:reply comment=${comment.id} `))?.body ?? "";
}

async function work(...agents: AgentActor[]) {
  for (const agent of agents) await agent.work();
  await h.settle();
}

function ci(pull: number, conclusion: "success" | "failure") {
  const sha = pulls().find((p) => p.number === pull)?.headSha as string;
  h.sandbox.ci.complete({ owner: "acme", repo: "api", sha, name: "test", conclusion });
}

/** CI passes on a pull request's head if it has not reported there yet (after Factory brought it up to date). */
async function ciOnNewHead(pull: number) {
  const sha = pulls().find((p) => p.number === pull)?.headSha as string;
  if (h.sandbox.snapshot().checkRuns.some((run) => run.headSha === sha && run.name === "test")) return;
  ci(pull, "success");
  await h.settle();
}

/** CI passes on the epic's own pull request and rita approves it: Factory then merges it. */
async function finishEpicPull(epic: number, slug: string) {
  const open = pulls().find((p) => p.head === `epic/${epic}-${slug}` && !p.merged);
  if (!open) return;
  expect(pulls().find((p) => p.number === open.number)?.merged).toBe(false);
  ci(open.number, "success");
  await approve(open.number);
}

async function approve(pull: number) {
  h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull, event: "APPROVE" });
  await h.settle();
}

/** The final GitHub state of a story, without ids that depend on timing. */
function finalState() {
  const snapshot = h.sandbox.snapshot();
  const comments = snapshot.comments as Array<{ repo: string; issue: number; author: string; body: string }>;
  return {
    issues: snapshot.issues
      .filter((i) => i.repo === "acme/api")
      .map((i) => ({ number: i.number, kind: i.kind, title: i.title, state: i.state, stateReason: i.stateReason, labels: [...i.labels].sort(), parent: i.parent })),
    pulls: snapshot.pulls.filter((p) => p.repo === "acme/api").map((p) => ({ number: p.number, base: p.base, head: p.head, merged: p.merged })),
    branches: h.sandbox.branches("acme", "api").map((b) => b.name).sort(),
    factoryComments: comments
      .filter((c) => c.repo === "acme/api" && c.author === BOT)
      .map((c) => `${c.issue}: ${c.body.split("\n")[0]?.replace(/comment=\d+/, "").replace(/`[0-9a-f]{7,40}`/g, "`<sha>`")}`)
      .sort(),
    ledger: (h.sandbox.file("acme", ".github", "factory-ledger", `factory/dispatch-${new Date(clock.now()).toISOString().slice(0, 7)}.jsonl`) ?? "")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { key: string; kind: string }).kind + " " + (JSON.parse(line) as { key: string }).key)
      .sort(),
  };
}

/** The whole story: returns the final state. */
async function story(delivery: Delivery = {}) {
    const { jules, openhands } = await start(delivery);
    const framework = child({ what: "shared retries", labels: ["scope:framework"] });
    const reviewed = child({ what: "alpha handler" });
    const conflicted = child({ what: "beta handler" });
    const silent = child({ type: "testing", what: "gamma tests" });
    const plain = child({ what: "delta handler" });
    await say("/factory epic", 1);
    const epic = (h.sandbox.issues("acme", "api") as unknown as SandboxIssue[]).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
    const phases = () => parseEpicBody(issue(epic).body ?? "").phases;
    expect(phases().map((p) => p.children.map((c) => c.number))).toEqual([[framework], [reviewed, conflicted, silent, plain].sort((a, b) => a - b)]);

    // Phase 1: the framework PR fails CI, is nudged, fixed, approved and merged.
    await say("/factory dispatch next", epic);
    await work(jules);
    const fp = pullFor(jules, framework);
    expect(pulls().find((p) => p.number === fp)?.base).toBe(`epic/${epic}-quality`);
    ci(fp, "failure");
    await h.settle();
    expect(requests(fp).map((c) => c.body.split("\n")[0])).toEqual(["@jules Can you fix the failing checks: `test`?"]);
    // Factory's own check run on the pull request says where it stands, neutral so it never blocks the merge.
    const head = pulls().find((p) => p.number === fp)?.headSha;
    expect(h.sandbox.snapshot().checkRuns.filter((r) => r.headSha === head && r.name === "Factory").map((r) => [r.app, r.status, r.conclusion])).toEqual([["factory", "completed", "neutral"]]);
    ci(fp, "failure");
    await h.settle();
    expect(requests(fp)).toHaveLength(1);
    await work(jules);
    ci(fp, "success");
    await approve(fp);
    expect(pulls().find((p) => p.number === fp)?.merged).toBe(true);
    expect(issue(framework).state).toBe("closed");
    expect(phases()[0]?.children[0]?.checked).toBe(true);

    // Phase 2 dispatched itself.
    for (const n of [reviewed, conflicted, plain]) expect(labelsOf(n)).toContain("factory:dispatched");
    expect(labelsOf(silent)).toContain("fix-me");
    await work(jules, openhands);
    const [rp, cp, sp, pp] = [pullFor(jules, reviewed), pullFor(jules, conflicted), pullFor(openhands, silent), pullFor(jules, plain)];
    for (const p of [rp, cp, sp, pp]) ci(p, p === sp ? "failure" : "success");
    await h.settle();

    // Changes requested with a thread → "Can you fix the code reviews?" → a new commit → the thread is resolved.
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull: rp, event: "REQUEST_CHANGES", threads: [{ path: `changes/issue-${reviewed}.md`, body: "rename this" }] });
    await h.settle();
    expect(requests(rp).map((c) => c.body.split("\n")[0])).toEqual(["@jules Can you fix the code reviews?"]);
    // When threads were opened is read only once the agent has answered the request with a commit.
    expect(h.sandbox.requests.graphql.get("FactoryThreadTimes")?.count ?? 0).toBe(0);
    await work(jules);
    ci(rp, "success");
    await h.settle();
    expect(h.sandbox.snapshot().pulls.find((p) => p.number === rp)?.threads.every((t) => t.resolved)).toBe(true);
    expect(h.sandbox.requests.graphql.get("FactoryThreadTimes")?.count).toBeGreaterThan(0);
    await approve(rp);
    await ciOnNewHead(rp);
    expect(issue(reviewed).state).toBe("closed");

    // A sibling merges (brought up to date first, and merged once CI has passed on its new head), then a maintainer's
    // commit on the epic branch conflicts with beta's PR.
    await approve(pp);
    await ciOnNewHead(pp);
    expect(issue(plain).state).toBe("closed");
    h.sandbox.as("mona").pushCommit({ owner: "acme", repo: "api", branch: `epic/${epic}-quality`, files: { [`changes/issue-${conflicted}.md`]: "a different line\n" } });
    await h.settle();
    expect(requests(cp).map((c) => c.body.split("\n")[0])).toContain("@jules Can you fix the merge conflict?");
    await work(jules);
    ci(cp, "success");
    await approve(cp);
    await ciOnNewHead(cp);
    expect(issue(conflicted).state).toBe("closed");

    // The docs agent never answers: a day later the sweep escalates it and the epic carries on.
    expect(requests(sp).map((c) => c.body.split("\n")[0])).toEqual(["@openhands-agent Can you fix the failing checks: `test`?"]);
    await clock.sleep(13 * 3_600_000);
    await say("/factory sync", epic);
    expect(labelsOf(sp)).toContain("needs-intervention");
    expect(factoryComments(epic).some((c) => c.body.includes(`#${sp} (for #${silent}) needs a person`))).toBe(true);

    // A maintainer finishes it by hand; the epic completes, its PR is opened and merged, the epic closes.
    h.sandbox.as("mona").pushCommit({ owner: "acme", repo: "api", branch: pulls().find((p) => p.number === sp)?.head as string, files: { "docs/fixed.md": "fixed\n" } });
    ci(sp, "success");
    await approve(sp);
    h.sandbox.as("mona").mergePullRequest({ owner: "acme", repo: "api", pull: sp });
    await h.settle();
    expect(issue(silent).state).toBe("closed");
    // The epic's own pull request merges like the agents': once CI passed on its head and a person approved it.
    await finishEpicPull(epic, "quality");
    const epicPull = pulls().find((p) => p.head === `epic/${epic}-quality`);
    expect(epicPull?.base).toBe("main");
    expect(epicPull?.merged).toBe(true);
    expect([issue(epic).state, issue(epic).state_reason]).toEqual(["closed", "completed"]);
    expect(h.sandbox.branches("acme", "api").map((b) => b.name)).not.toContain(`epic/${epic}-quality`);
    expect(phases().every((p) => p.children.every((c) => c.checked))).toBe(true);
    const journal = h.sandbox.file("acme", ".github", "factory-ledger", `factory/journal-${new Date(clock.now()).toISOString().slice(0, 7)}.jsonl`) ?? "";
    expect(journal.trim().split("\n").map((line) => (JSON.parse(line) as { child: number }).child).sort()).toEqual([framework, reviewed, conflicted, silent, plain].sort());
    return finalState();
}

describe("the monitor on a whole epic", () => {
  it("takes an epic of two phases and five children from dispatch to a merged, closed epic", async () => {
    await story();
  });

  it("ends in the same state when every webhook arrives twice and shuffled", async () => {
    const plain = await story();
    expect(h.sandbox.violations).toEqual([]);
    const rough = await story({ twice: true, shuffleSeed: 7 });
    expect(h.sandbox.webhooks.log.filter((d) => d.redelivery).length).toBeGreaterThan(100);
    expect(rough).toEqual(plain);
  });

  it("repairs what lost webhooks missed with /factory sync", async () => {
    const { jules } = await start();
    const { made, epic } = await threeChildrenAtWork(jules);
    const [a, b, c] = made.map((n) => pullFor(jules, n));
    // The epic branch requires "test", up-to-date branches and an approval: on github.com a pull request is BEHIND only
    // under such a rule, and the review rule keeps an approval standing when the branch is brought up to date.
    h.sandbox.protectBranch({ owner: "acme", repo: "api", branch: `epic/${epic}-quality`, requiredChecks: ["test"], strict: true, approvals: 1 });
    // GitHub cannot reach Factory while CI passes, a reviewer approves, and a person merges one PR and closes a child by hand.
    h.sandbox.webhooks.lose(true);
    for (const p of [a, b, c]) ci(p as number, "success");
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull: a as number, event: "APPROVE" });
    h.sandbox.as("rita").review({ owner: "acme", repo: "api", pull: b as number, event: "APPROVE" });
    h.sandbox.as("mona").mergePullRequest({ owner: "acme", repo: "api", pull: b as number });
    h.sandbox.as("mona").closeIssue({ owner: "acme", repo: "api", issue: made[2] as number });
    h.sandbox.webhooks.lose(false);
    await h.settle();
    expect(issue(made[1] as number).state).toBe("open");
    const before = parseEpicBody(issue(epic).body ?? "").phases.flatMap((p) => p.children).filter((x) => x.checked);
    expect(before).toEqual([]);

    // A dry run first: the reply says what sync would do, and nothing but the reply and its reactions is written.
    const logged = h.sandbox.requests.entries.length;
    const plan = await say("/factory sync --dry-run", epic);
    expect(plan).toContain("**Dry run:** nothing was changed.");
    expect(plan).toContain(`  - close #${made[1]} (its pull request #${b} merged)\n`);
    // #a is approved and green, but behind the epic branch #b merged into: it is brought up to date first.
    expect(plan).toContain(`  - bring #${a} up to date with \`epic/${epic}-quality\`\n`);
    expect(plan).toContain(`  - tick #${made[1]} and #${made[2]} in the epic\n`);
    expect(plan).toContain("  - write 1 record of finished children to the journal\n");
    const writes = h.sandbox.requests.entries
      .slice(logged)
      .filter((r) => (r.route === "POST /graphql" ? !/^Factory(Epic|EpicBody|EpicMore|ThreadTimes|ChildStates|Approvals)$/.test(r.operationName ?? "") : r.method !== "GET"))
      .map((r) => r.route);
    expect(writes).toEqual([
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    ]);
    expect(issue(made[1] as number).state).toBe("open");
    expect(pulls().find((p) => p.number === a)?.merged).toBe(false);
    expect(parseEpicBody(issue(epic).body ?? "").phases.flatMap((p) => p.children).filter((x) => x.checked)).toEqual([]);

    const reply = await say("/factory sync", epic);
    expect(reply).toContain(`- #${epic}:`);
    // Brought up to date, #a merges once CI has passed on its new head.
    await ciOnNewHead(a as number);
    expect(issue(made[1] as number).state).toBe("closed");
    expect(pulls().find((p) => p.number === a)?.merged).toBe(true);
    expect(issue(made[0] as number).state).toBe("closed");
    const ticked = parseEpicBody(issue(epic).body ?? "").phases.flatMap((p) => p.children).filter((x) => x.checked).map((x) => x.number);
    expect(ticked.sort()).toEqual([...made].sort());
    // The epic is complete now: its own pull request was opened.
    expect(pulls().some((p) => p.head === `epic/${epic}-quality` && p.base === "main")).toBe(true);
  });

  it("unticks a child a maintainer reopens, and finishes it again when a newer pull request merges", async () => {
    const { jules } = await start({ sharedClock: true });
    const { made, epic } = await threeChildrenAtWork(jules);
    const branch = `epic/${epic}-quality`;
    const ticked = () => parseEpicBody(issue(epic).body ?? "").phases.flatMap((p) => p.children).filter((x) => x.checked).map((x) => x.number);
    const first = pullFor(jules, made[0] as number);
    ci(first, "success");
    await approve(first);
    expect(issue(made[0] as number).state).toBe("closed");
    expect(ticked()).toEqual([made[0]]);

    // Not quite done: a maintainer reopens it. Factory unticks it and leaves it open, though its pull request is merged.
    await clock.sleep(60_000);
    h.sandbox.as("mona").reopenIssue({ owner: "acme", repo: "api", issue: made[0] as number });
    await h.settle();
    expect(issue(made[0] as number).state).toBe("open");
    expect(ticked()).toEqual([]);
    await say("/factory sync", epic);
    expect(issue(made[0] as number).state).toBe("open");

    // A follow-up pull request merges after the reopening: the child is finished again, once.
    await clock.sleep(60_000);
    const again = h.sandbox.as("mona").openPullRequest({ owner: "acme", repo: "api", head: "follow-up", base: branch, title: "Follow-up", body: `Fixes #${made[0]}`, files: { "changes/follow-up.md": "more\n" } }).number;
    await h.settle();
    ci(again, "success");
    await approve(again);
    expect(pulls().find((p) => p.number === again)?.merged).toBe(true);
    expect(issue(made[0] as number).state).toBe("closed");
    expect(ticked()).toEqual([made[0]]);
    expect(factoryComments(epic).filter((c) => c.body.startsWith(`#${made[0]} is done`)).map((c) => c.body.split(":")[1]?.trim())).toEqual([
      `#${first} was merged into \`${branch}\`. Phase 1`,
      `#${again} was merged into \`${branch}\`. Phase 1`,
    ]);
    expect(h.sandbox.requests.graphql.get("FactoryReopenTimes")?.count).toBeGreaterThan(0);
  });

  it("retries an escalated child on a new attempt, escalates by hand, and reports status", async () => {
    const { jules, openhands } = await start();
    const made = [child({ what: "one handler" }), child({ what: "two handler" }), child({ type: "testing", what: "three tests" })];
    await say("/factory epic", 1);
    const epic = (h.sandbox.issues("acme", "api") as unknown as SandboxIssue[]).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
    await say("/factory dispatch next", epic);
    await work(jules, openhands);
    const silent = pullFor(openhands, made[2] as number);
    ci(silent, "failure");
    await h.settle();
    await clock.sleep(13 * 3_600_000);
    await say("/factory sync", epic);
    expect(labelsOf(silent)).toContain("needs-intervention");

    const status = await say("/factory status", epic, "visitor");
    expect(status).toContain("- Phase 1: Implementation (parallel) — 0/3 done");
    expect(status).toContain(`  - #${made[2]}: #${silent} open: escalated: a person has it`);

    // A maintainer closes the stuck pull request and retries: the attempt is released and the child dispatched again.
    h.sandbox.as("mona").closeIssue({ owner: "acme", repo: "api", issue: silent });
    await h.settle();
    const retry = await say(`/factory retry #${made[2]}`, epic);
    expect(retry).toContain(`- #${made[2]} → **openhands**`);
    const ledger = (h.sandbox.file("acme", ".github", "factory-ledger", `factory/dispatch-${new Date(clock.now()).toISOString().slice(0, 7)}.jsonl`) ?? "")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { kind: string; key: string; issue: number });
    expect(ledger.filter((line) => line.issue === made[2]).map((line) => `${line.kind} ${line.key}`)).toEqual([
      `dispatch acme/api#${made[2]}:1`,
      `release acme/api#${made[2]}:1`,
      `dispatch acme/api#${made[2]}:2`,
    ]);
    expect(labelsOf(made[2] as number)).toContain("factory:dispatched");

    const escalate = await say(`/factory escalate #${pullFor(jules, made[0] as number)}`, epic);
    expect(escalate).toContain("labelled `needs-intervention`");
    expect(labelsOf(pullFor(jules, made[0] as number))).toContain("needs-intervention");
  });

  it("lets the periodic sweep repair a merge it never heard about", async () => {
    const { jules } = await start();
    const { made, epic } = await threeChildrenAtWork(jules);
    h.sandbox.webhooks.lose(true);
    h.sandbox.as("mona").mergePullRequest({ owner: "acme", repo: "api", pull: pullFor(jules, made[0] as number) });
    h.sandbox.webhooks.lose(false);
    await h.settle();
    expect(issue(made[0] as number).state).toBe("open");
    const swept = await h.sweep();
    expect(swept).toEqual(expect.arrayContaining(["acme/api"]));
    expect(issue(made[0] as number).state).toBe("closed");
    // The organisation's dashboard, in acme/.github, sums up its repositories.
    const org = (h.sandbox.issues("acme", ".github") as unknown as SandboxIssue[]).find((i) => (i.body ?? "").includes("<!-- factory:org-dashboard -->"));
    expect(org?.title).toBe("Factory dashboard (organisation)");
    expect(org?.body).toContain(`| acme/api | #${epic} 1/3 | 1/3 | 2 | 0 |`);
    expect(org?.body).toContain("1 finished children across the organisation, completion rate 100%");
    // A second sweep within the repositories' interval lists the installations and their repositories, and reads nothing else.
    const before = h.sandbox.requests.entries.length;
    await h.sweep();
    expect([...new Set(h.sandbox.requests.entries.slice(before).map((entry) => entry.route))].sort()).toEqual([
      "GET /app/installations",
      "GET /installation/repositories",
    ]);
  });

  it("repairs a merge it never heard about from the app's delivery log, without sweeping the repository", async () => {
    const { jules } = await start();
    const { made, epic } = await threeChildrenAtWork(jules);
    const since = new Date(clock.now().getTime() - 60_000);
    h.sandbox.webhooks.lose(true);
    h.sandbox.as("mona").mergePullRequest({ owner: "acme", repo: "api", pull: pullFor(jules, made[0] as number) });
    h.sandbox.webhooks.lose(false);
    await h.settle();
    expect(issue(made[0] as number).state).toBe("open");
    const lost = h.sandbox.webhooks.log.filter((d) => d.error === "lost in transit").map((d) => d.id);
    expect(lost.length).toBeGreaterThan(0);
    const before = h.sandbox.requests.entries.length;
    const repaired = await h.run(h.factory.repairDeliveries(since));
    await h.settle();
    // The lost merge and its push, and the deliveries GitHub made while the app was not yet listening: every one that never reached it.
    expect(repaired.redelivered).toEqual(expect.arrayContaining([...new Set(lost)]));
    const firstTries = (guid: string) => h.sandbox.webhooks.log.filter((d) => d.id === guid && !d.redelivery);
    expect(repaired.redelivered.flatMap(firstTries).every((d) => d.status === null)).toBe(true);
    // The redelivered merge was handled as itself: the child is closed and ticked, and no repository was swept.
    expect(issue(made[0] as number).state).toBe("closed");
    expect(parseEpicBody(issue(epic).body ?? "").phases.flatMap((p) => p.children).find((c) => c.number === made[0])?.checked).toBe(true);
    expect(h.sandbox.requests.entries.slice(before).map((e) => e.route)).not.toContain("GET /installation/repositories");
    expect(h.sandbox.webhooks.log.filter((d) => d.redelivery && lost.includes(d.id)).length).toBe(new Set(lost).size);
    // Asked again: every delivery has reached the app now, so nothing is redelivered.
    const again = await h.run(h.factory.repairDeliveries(since));
    expect(again).toEqual({ redelivered: [], refused: [] });
  });

  it("keeps the dashboard issue in step: the review queue while pull requests wait, the journal's figures once the epic is done", async () => {
    const { jules } = await start({ dashboards: true });
    const made = [child({ type: "security", what: "one handler", severity: "high" }), child({ what: "two handler" }), child({ what: "three handler" })];
    await say("/factory epic", 1);
    const epic = (h.sandbox.issues("acme", "api") as unknown as SandboxIssue[]).find((i) => (i.body ?? "").includes("factory:epic "))?.number as number;
    await say("/factory dispatch next", epic);
    await work(jules);
    const prs = made.map((n) => pullFor(jules, n));
    for (const p of prs) ci(p, "success");
    await h.settle();
    const dashboards = () => (h.sandbox.issues("acme", "api") as unknown as SandboxIssue[]).filter((i) => (i.body ?? "").includes("<!-- factory:dashboard -->"));
    expect(dashboards()).toHaveLength(1);
    const waiting = dashboards()[0]?.body ?? "";
    expect(waiting).toContain("## 👀 Review queue");
    // The security pull request comes first in the queue.
    expect(waiting.indexOf(`- [ ] #${prs[0]} — security, high, CI passing`)).toBeGreaterThan(0);
    expect(waiting.indexOf(`- [ ] #${prs[0]}`)).toBeLessThan(waiting.indexOf(`- [ ] #${prs[1]}`));
    expect(waiting).toContain(`| #${epic} \`epic/${epic}-quality\` | 1. Implementation 0/3 | 0/3 |`);
    for (const p of prs) {
      await approve(p);
      await ciOnNewHead(p);
    }
    await finishEpicPull(epic, "quality");
    expect(issue(epic).state).toBe("closed");
    const done = dashboards()[0]?.body ?? "";
    expect(dashboards()).toHaveLength(1);
    expect(done).toContain("No open epic.");
    expect(done).toContain("From the journal: 3 finished children, completion rate 100%");
    expect(done).toContain("| google-labs-jules | 3 | 3 |");
  });
});
